using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Huella.Testing;

namespace Huella.Cli.Tests;

public sealed partial class RegistryCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("huella-cli-registry-").FullName;
    private readonly string _images = SharedData.PathOf("fingerprints", "fvc2002", "db1b");

    private string[] StoreArgs => ["--store", "sqlite:" + Path.Combine(_folder, "registry.db"), "--keys", Path.Combine(_folder, "registry.keys"), "--actor", "test-operator"];

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Import_enrolls_ten_persons_whose_other_impressions_identify_to_them()
    {
        // FVC2002 DB1 set B: finger F impression 1 is person V-F (right index); impressions 2–8 are searched.
        var csv = new StringBuilder("cedula,given_names,family_names,birth_date,sex,address,geography_code,position,image\n");
        foreach (var finger in Enumerable.Range(101, 10))
        {
            csv.Append(CultureInfo.InvariantCulture, $"V-{finger},Persona {finger},Prueba,1980-01-{finger - 100:00},F,Calle {finger},01.01.01,2,{finger}_1.tif\n");
        }

        var csvPath = Path.Combine(_folder, "identities.csv");
        File.WriteAllText(csvPath, csv.ToString());

        var (exit, output, error) = Run("registry", "import", "--images", _images, "--csv", csvPath);
        Assert.True(exit == 0, error);
        Assert.Contains("imported: 10 enrolled, 0 pending adjudication, 0 rejected", output, StringComparison.Ordinal);

        var rank1 = 0;
        var probes = 0;
        foreach (var finger in Enumerable.Range(101, 10))
        {
            foreach (var impression in Enumerable.Range(2, 7))
            {
                var (code, found, _) = Run("registry", "identify", "--top", "1", Path.Combine(_images, $"{finger}_{impression}.tif"));
                Assert.Equal(0, code);
                probes++;
                rank1 += found.Contains($"  1. V-{finger} (", StringComparison.Ordinal) ? 1 : 0;
            }
        }

        Assert.True(rank1 >= 55, $"rank-1 {rank1}/{probes}");

        // 1:1 prints the decision with its threshold and FMR, exit 0 only on a match.
        var (sameExit, same, _) = Run("registry", "verify", "--cedula", "V-105", "--finger", "2=" + Path.Combine(_images, "105_1.tif"));
        Assert.Equal(0, sameExit);
        Assert.StartsWith("match V-105 (Active): score 0.9", same, StringComparison.Ordinal);
        Assert.Contains("for FMR 1E-4", same, StringComparison.Ordinal);
        var (otherExit, other, _) = Run("registry", "verify", "--cedula", "V-105", "--finger", "2=" + Path.Combine(_images, "106_3.tif"));
        Assert.Equal(1, otherExit);
        Assert.StartsWith("no match V-105", other, StringComparison.Ordinal);

        var (statsExit, stats, _) = Run("registry", "stats");
        Assert.Equal(0, statsExit);
        Assert.Contains("persons: 10 active, 0 pending adjudication", stats, StringComparison.Ordinal);
        Assert.Contains("gallery: 10 persons, 10 fingers (store: 10 persons, 10 fingers)", stats, StringComparison.Ordinal);
        Assert.Contains("chain intact", stats, StringComparison.Ordinal);
        Assert.Contains("anchor: audit log anchored", stats, StringComparison.Ordinal);

        // Someone with the database file deletes the last audit entry: stats says so and fails.
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_folder, "registry.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        var (truncatedExit, truncated, _) = Run("registry", "stats");
        Assert.Equal(1, truncatedExit);
        Assert.Contains("chain intact", truncated, StringComparison.Ordinal);
        Assert.Contains("anchor: audit log TRUNCATED", truncated, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_goes_to_adjudication_and_is_merged_then_keys_rotate()
    {
        var first = Run("registry", "enroll", "--cedula", "V-1001", "--given", "Ana", "--family", "Pérez", "--birth", "1990-01-02", "--geo", "01.01.01", "--finger", "2=" + Path.Combine(_images, "103_1.tif"));
        Assert.Equal(0, first.ExitCode);
        var kept = IdPattern().Match(first.Output).Groups[1].Value;

        var duplicate = Run("registry", "enroll", "--cedula", "V-1002", "--given", "Ana", "--family", "Pérez", "--birth", "1990-01-02", "--geo", "01.01.01",
            "--finger", "2=" + Path.Combine(_images, "103_1.tif"), "--finger", "3=" + Path.Combine(_images, "104_1.tif"));
        Assert.Equal(0, duplicate.ExitCode);
        Assert.StartsWith("pending adjudication", duplicate.Output, StringComparison.Ordinal);
        Assert.Contains(kept, duplicate.Output, StringComparison.Ordinal);

        var list = Run("registry", "adjudicate", "list");
        Assert.Contains("1 open case(s)", list.Output, StringComparison.Ordinal);
        var caseId = CasePattern().Match(list.Output).Groups[1].Value;
        Assert.Equal(0, Run("registry", "adjudicate", "merge", caseId, "--into", kept).ExitCode);
        Assert.Equal(1, Run("registry", "adjudicate", "approve", caseId).ExitCode);

        var rotated = Run("registry", "rotate-key");
        Assert.Equal(0, rotated.ExitCode);
        Assert.Contains("re-sealed 4 template(s) with key k2", rotated.Output, StringComparison.Ordinal);
        Assert.StartsWith("k2 ", File.ReadAllText(Path.Combine(_folder, "registry.keys")), StringComparison.Ordinal);

        // After rotation and merge: the kept record verifies with the merged finger.
        var verify = Run("registry", "verify", "--cedula", "V-1001", "--finger", "3=" + Path.Combine(_images, "104_1.tif"));
        Assert.Equal(0, verify.ExitCode);
        var stats = Run("registry", "stats");
        Assert.Contains("persons: 1 active, 0 pending adjudication, 0 deceased, 1 removed", stats.Output, StringComparison.Ordinal);
        Assert.Contains("chain intact", stats.Output, StringComparison.Ordinal);

        // The rotation's own checkpoint is signed with the new key, so the log stays anchored.
        Assert.Contains("anchor: audit log anchored", stats.Output, StringComparison.Ordinal);
        Assert.Equal(0, stats.ExitCode);
    }

    [Fact]
    public void Unusable_images_and_bad_arguments_are_reported()
    {
        var blank = Path.Combine(_folder, "blank.pgm");
        File.WriteAllBytes(blank, [.. "P5\n300 300\n255\n"u8.ToArray(), .. Enumerable.Repeat((byte)255, 300 * 300)]);
        var result = Run("registry", "enroll", "--cedula", "V-7", "--given", "A", "--family", "B", "--birth", "1990-01-02", "--geo", "01.01.01", "--finger", "2=" + blank);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("clean the sensor", result.Error, StringComparison.Ordinal);

        Assert.Equal(2, Run("registry", "enroll", "--cedula", "12345", "--given", "A", "--family", "B", "--birth", "1990-01-02", "--geo", "01.01.01", "--finger", "2=" + blank).ExitCode);
        Assert.Contains("no person holds cédula V-99", Run("registry", "verify", "--cedula", "V-99", "--finger", Path.Combine(_images, "101_1.tif")).Error, StringComparison.Ordinal);
    }

    private (int ExitCode, string Output, string Error) Run(params string[] args) => CliRunner.Run([.. args, .. StoreArgs]);

    [GeneratedRegex(@"enrolled ([0-9a-f]{32})")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"case ([0-9a-f-]{36})")]
    private static partial Regex CasePattern();
}
