using BenchmarkDotNet.Attributes;
using Huella.Elections.Actas;
using Huella.Elections.Central;
using Huella.Elections.Contests;
using Huella.Research.Simulation;
using Huella.Storage;
using Npgsql;

namespace Huella.Bench;

/// <summary>
/// Central ingest of a national election's actas: 30,026 (Venezuela's number of mesas), each signed
/// by its machine and countersigned by its president. Actas per second = 30,026 / mean time.
/// SQLite always; PostgreSQL too when <c>HUELLA_BENCH_POSTGRES</c> holds an admin connection string
/// (a fresh database is created and dropped per iteration).
/// </summary>
[MemoryDiagnoser]
public class CentralIngestBenchmarks
{
    private const int Mesas = 30_026;
    private const int BatchSize = 1_000;
    private static readonly BallotContest Contest = new("bench", [new("A", "A"), new("B", "B")], [new("P1", 0), new("P2", 1), new("P3", 0)]);
    private SyntheticActas _actas = null!;
    private List<byte[]> _signed = null!;
    private string _folder = "";
    private string _database = "";
    private CentralCount? _central;

    [ParamsSource(nameof(Engines))]
    public string Engine { get; set; } = "sqlite";

    public static IEnumerable<string> Engines() =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable("HUELLA_BENCH_POSTGRES")) ? ["sqlite"] : ["sqlite", "postgres"];

    [GlobalSetup]
    public void Setup()
    {
        _actas = new SyntheticActas(Mesas);
        _signed = [.. _actas.Mesas.Select(m => _actas.Sign(_actas.ActaFor(m)))];
    }

    [IterationSetup(Targets = new[] { nameof(IngestAndTotalize), nameof(IngestAndRecount) })]
    public void FreshArchive()
    {
        StoreLocation location;
        if (Engine == "postgres")
        {
            var admin = Environment.GetEnvironmentVariable("HUELLA_BENCH_POSTGRES")!;
            _database = "huella_bench_" + Guid.NewGuid().ToString("N")[..12];
            Postgres(admin, $"CREATE DATABASE {_database}");
            location = StoreLocation.Postgres(new NpgsqlConnectionStringBuilder(admin) { Database = _database }.ToString());
        }
        else
        {
            _folder = Directory.CreateTempSubdirectory("huella-bench-central-").FullName;
            location = StoreLocation.Sqlite(Path.Combine(_folder, "central.db"));
        }

        var archive = new ActaArchive(location);
        archive.InitializeAsync().GetAwaiter().GetResult();
        _central = new CentralCount(archive, _actas.Keys, [Contest], TimeProvider.System);
    }

    [IterationCleanup(Targets = new[] { nameof(IngestAndTotalize), nameof(IngestAndRecount) })]
    public void DropArchive()
    {
        _central?.Dispose();
        if (Engine == "postgres")
        {
            NpgsqlConnection.ClearAllPools();
            Postgres(Environment.GetEnvironmentVariable("HUELLA_BENCH_POSTGRES")!, $"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>Signature checks only, all cores: the floor under any ingest, and the yardstick for a loaded machine.</summary>
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

    /// <summary>
    /// What central does on election night: verify, archive (batches of 1,000, one transaction each,
    /// the next batch verified while the previous one is written) and keep national totals up to
    /// date as every batch commits; the totals are read at the end.
    /// </summary>
    [Benchmark]
    public long IngestAndTotalize()
    {
        _central!.IngestAllAsync(_signed, BatchSize).GetAwaiter().GetResult();
        return _central!.TotalsAsync(0).GetAwaiter().GetResult().Nation.BallotsCounted;
    }

    /// <summary>Batch after batch, each verified then written (no overlap), then an observer's recount from the archive (every acta re-verified): the old path.</summary>
    [Benchmark]
    public long IngestAndRecount()
    {
        for (var start = 0; start < _signed.Count; start += BatchSize)
        {
            _central!.IngestAsync(_signed.GetRange(start, Math.Min(BatchSize, _signed.Count - start))).GetAwaiter().GetResult();
        }

        return _central!.RecountAsync(0).GetAwaiter().GetResult().Nation.BallotsCounted;
    }

    [GlobalCleanup]
    public void Cleanup() => _actas.Dispose();

    private static void Postgres(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
