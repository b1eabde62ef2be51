using BenchmarkDotNet.Attributes;
using Huella.Elections.Actas;
using Huella.Elections.Central;
using Huella.Elections.Contests;
using Huella.Elections.Simulation;
using Huella.Storage;

namespace Huella.Bench;

/// <summary>
/// Central ingest of a national election's actas: 30,026 (Venezuela's number of mesas), each signed
/// by its machine and countersigned by its president. Actas per second = 30,026 / mean time.
/// </summary>
[MemoryDiagnoser]
public class CentralIngestBenchmarks
{
    private const int Mesas = 30_026;
    private const int BatchSize = 1_000;
    private static readonly SingleSeatContest Contest = new("bench", [new("A", "A"), new("B", "B")], [new("P1", 0), new("P2", 1), new("P3", 0)]);
    private SyntheticActas _actas = null!;
    private List<byte[]> _signed = null!;
    private string _folder = "";
    private CentralCount? _central;

    [GlobalSetup]
    public void Setup()
    {
        _actas = new SyntheticActas(Mesas);
        _signed = [.. _actas.Mesas.Select(m => _actas.Sign(_actas.ActaFor(m)))];
    }

    [IterationSetup(Target = nameof(IngestAndRecount))]
    public void FreshArchive()
    {
        _folder = Directory.CreateTempSubdirectory("huella-bench-central-").FullName;
        var archive = new ActaArchive(StoreLocation.Sqlite(Path.Combine(_folder, "central.db")));
        archive.InitializeAsync().GetAwaiter().GetResult();
        _central = new CentralCount(archive, _actas.Keys, Contest, TimeProvider.System);
    }

    [IterationCleanup(Target = nameof(IngestAndRecount))]
    public void DropArchive()
    {
        _central?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Signature checks only, all cores: the floor under any ingest.</summary>
    [Benchmark]
    public int VerifyAll()
    {
        var valid = 0;
        Parallel.ForEach(_signed, s =>
        {
            if (ActaVerifier.Verify(s, _actas.Keys).IsValid)
            {
                Interlocked.Increment(ref valid);
            }
        });
        return valid;
    }

    /// <summary>Verify, archive in SQLite (batches of 1,000 in one transaction each) and recount the nation.</summary>
    [Benchmark]
    public long IngestAndRecount()
    {
        for (var start = 0; start < _signed.Count; start += BatchSize)
        {
            _central!.IngestAsync(_signed.GetRange(start, Math.Min(BatchSize, _signed.Count - start))).GetAwaiter().GetResult();
        }

        return _central!.RecountAsync().GetAwaiter().GetResult().Nation.BallotsCounted;
    }

    [GlobalCleanup]
    public void Cleanup() => _actas.Dispose();
}
