using Huella.Research.Synthesis.Templates;

namespace Huella.Cli.Tests;

public sealed class BenchCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("huella-cli-bench-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Bench_registry_on_a_small_gallery_finds_what_exhaustive_search_finds()
    {
        // 300 fingers: below the index's minimum shortlist, so indexed search must equal exhaustive search.
        var gallery = Path.Combine(_folder, "small.hsg");
        SyntheticGallery.Write(gallery, 300, 20, seed: 3);

        var (exit, output, error) = CliRunner.Run(
            "bench", "registry", "--gallery", gallery, "--probes", "20", "--exhaustive", "20", "--compact",
            "--store", "sqlite:" + Path.Combine(_folder, "bench.db"), "--enroll", "4");

        Assert.True(exit == 0, error);
        Assert.Contains("300 fingers, 20 mated probes", output, StringComparison.Ordinal);
        Assert.Matches(@"mate not shortlisted although its genuine score >= threshold: 0/\d+ = 0\.00 %", output);
        var exhaustive = Line(output, "exhaustive:");
        var indexed = Line(output, "indexed on the same probes:");
        Assert.Equal(exhaustive[exhaustive.IndexOf("rank-1", StringComparison.Ordinal)..], indexed[indexed.IndexOf("rank-1", StringComparison.Ordinal)..]);
        Assert.Contains("Sqlite: wrote 300 persons", output, StringComparison.Ordinal);
        Assert.Contains("Sqlite: start-up", output, StringComparison.Ordinal);
        Assert.Matches(@"Sqlite: 4 enrollments with deduplication against 300 fingers: [0-9.]+ persons/s, p50 \d+ ms \(.*\d Enrolled", output);
    }

    [Fact]
    public void Bench_portal_serves_every_kind_of_page_to_concurrent_readers()
    {
        var (exit, output, error) = CliRunner.Run(
            "bench", "portal", "--mesas", "40", "--clients", "4", "--requests", "60",
            "--ve2024", Huella.Testing.SharedData.PathOf("elections", "ve-2024", "RESULTADOS_2024_CSV_V1.csv"));

        Assert.True(exit == 0, error);
        Assert.Contains("40 mesas signed and stored", output, StringComparison.Ordinal);
        Assert.Contains("60 pages, 4 concurrent clients on loopback", output, StringComparison.Ordinal);
        foreach (var page in new[] { "nation", "state", "municipality", "parish", "centre", "mesa", "search", "missing", "anomalies", "2024 nation", "2024 mesa", "all" })
        {
            Assert.Matches($@"(?m)^{page} +\d+ +[0-9.]+ +[0-9.]+", output);
        }
    }

    private static string Line(string output, string start) =>
        output.Split('\n').Single(l => l.StartsWith(start, StringComparison.Ordinal));
}
