using Huella.Elections.Actas;
using Huella.Elections.Central;
using Huella.Elections.Simulation;

namespace Huella.Elections.Tests;

public sealed class DemoElectionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("huella-demo-").FullName;

    [Fact]
    public async Task A_small_country_votes_end_to_end_and_central_catches_the_tampered_acta()
    {
        var progress = new List<string>();
        var result = await DemoElection.RunAsync(new DemoOptions(_folder, Mesas: 2, ElectorsPerMesa: 8, Seed: 7) { Turnout = 0.75 }, new Collector(progress), TimeProvider.System);

        var nation = result.Totals.Nation;
        Assert.Equal(2, nation.Mesas);
        Assert.Equal(16, nation.RegisteredElectors);
        // The demo refuses after three failed matches, so every counted ballot followed a fingerprint match.
        Assert.Equal(result.Verified, nation.BallotsCounted);
        Assert.Equal(1, result.RefusedDoubleVotes);
        Assert.Empty(result.Totals.Anomalies);

        var rejected = Assert.Single(result.Transmissions, t => t.Status == IngestStatus.Rejected);
        Assert.Equal(ActaVerdict.BadSignature, rejected.Verdict);
        Assert.Contains(result.Transmissions, t => t.Status == IngestStatus.AlreadyReceived);

        // Every acta on disk verifies offline against the published keys.
        var keys = PublishedKeysFile.Parse(await File.ReadAllTextAsync(result.KeysFile));
        var actas = Directory.GetFiles(Path.Combine(_folder, "actas"), "*.acta").Where(f => !f.EndsWith(".opening.acta", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, actas.Length);
        Assert.All(actas, f => Assert.Equal(ActaVerdict.Valid, ActaVerifier.Verify(File.ReadAllBytes(f), keys).Verdict));
        Assert.True(File.Exists(result.ResultsFile));
        Assert.Contains(progress, p => p.Contains("Recounting", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private sealed class Collector(List<string> lines) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (lines)
            {
                lines.Add(value);
            }
        }
    }
}
