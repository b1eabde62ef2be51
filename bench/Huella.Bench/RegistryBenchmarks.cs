using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Huella.Biometrics;
using Huella.Biometrics.Imaging;
using Huella.Identity;
using Huella.Identity.Enrollment;
using Huella.Identity.Gallery;
using Huella.Identity.Storage;
using Huella.Storage;

namespace Huella.Bench;

/// <summary>
/// Gallery fingers for the registry benchmarks: the 40 FVC2002 set B impression-1 templates, and
/// perturbed copies of them (minutiae jittered by up to ±4 px and ±0.15 rad, 10 % dropped, a
/// few spurious ones added) until the gallery has the size asked for. Copies of one finger are
/// near-duplicates of each other, so they measure speed, not accuracy.
/// </summary>
public static class RegistryGallery
{
    private static readonly string[] Databases = ["db1b", "db2b", "db3b", "db4b"];
    private static FingerprintTemplate[]? _seeds;

    public static FingerprintTemplate[] Seeds => _seeds ??= [.. Databases.SelectMany(db => Enumerable.Range(101, 10).Select(f => Load(db, f, 1)))];

    public static FingerprintTemplate Load(string db, int finger, int impression) =>
        FingerprintTemplate.Create(ImageDecoder.Load(DataPath(db, $"{finger}_{impression}.tif"), db == "db2b" ? 569 : null));

    public static FingerprintTemplate[] Build(int size, int seed = 1)
    {
        var seeds = Seeds;
        var result = new FingerprintTemplate[size];
        Parallel.For(0, size, i =>
        {
            var source = seeds[i % seeds.Length];
            result[i] = i < seeds.Length ? source : Perturb(source, new Random(seed * 1_000_003 + i));
        });
        return result;
    }

    public static FingerprintTemplate Perturb(FingerprintTemplate source, Random random)
    {
        var minutiae = new List<Minutia>();
        foreach (var m in source.Minutiae)
        {
            if (random.NextDouble() < 0.1)
            {
                continue;
            }

            minutiae.Add(m with
            {
                X = m.X + random.Next(-4, 5),
                Y = m.Y + random.Next(-4, 5),
                Direction = (float)((m.Direction + ((random.NextDouble() - 0.5) * 0.3) + (2 * Math.PI)) % (2 * Math.PI)),
            });
        }

        for (var extra = random.Next(0, 4); extra > 0; extra--)
        {
            minutiae.Add(new Minutia(random.Next(source.Width), random.Next(source.Height), (float)(random.NextDouble() * 2 * Math.PI), MinutiaType.Ending, 40));
        }

        return new FingerprintTemplate(source.Width, source.Height, minutiae, source.Quality);
    }

    public static string DataPath(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine([dir.FullName, "shared", "data", "fingerprints", "fvc2002", .. parts]);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("FVC2002 data not found under ../shared/data.");
    }
}

/// <summary>
/// 1:N identification latency for galleries of growing size, exhaustive and with the pair-vote
/// pre-filter (defaults: 1 % shortlist, at least 500), one probe finger. Setup prints the memory
/// the index holds per finger.
/// Run: <c>dotnet run -c Release --project bench/Huella.Bench -- --filter '*RegistrySearch*'</c>
/// </summary>
[MemoryDiagnoser]
public class RegistrySearchBenchmarks
{
    private GalleryIndex _index = null!;
    private ProbeFinger _probe = null!;

    [Params(1_000, 10_000, 100_000)]
    public int GallerySize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _ = RegistryGallery.Seeds;
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var templates = RegistryGallery.Build(GallerySize);
        _index = new GalleryIndex();
        for (var i = 0; i < templates.Length; i++)
        {
            _index.Upsert(PersonId.Parse($"p{i}"), [(FingerPosition.RightIndex, templates[i])]);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"// index memory: {(after - before) / (double)GallerySize:F0} bytes per finger (templates, cylinders, descriptor) at {GallerySize} fingers");
        _probe = new ProbeFinger(RegistryGallery.Load("db1b", 105, 3), FingerPosition.RightIndex);
    }

    [GlobalCleanup]
    public void Cleanup() => _index.Dispose();

    [Benchmark(Baseline = true)]
    public int Exhaustive() => _index.Search([_probe], 10, 0, null, prefilter: false, trace: null, tuning: null).Count;

    [Benchmark]
    public int Prefiltered() => _index.Search([_probe], 10, 0, null, prefilter: true, trace: null, tuning: null).Count;
}

/// <summary>
/// Start-up load time (store → index) and enrollment throughput on SQLite and, when
/// HUELLA_TEST_POSTGRES is set (./test.sh prints how to start one), PostgreSQL.
/// Run: <c>dotnet run -c Release --project bench/Huella.Bench -- --filter '*RegistryStore*'</c>
/// </summary>
public class RegistryStoreBenchmarks
{
    private readonly KeyRing _keys = KeyRing.Generate();
    private string _folder = "";
    private StoreLocation _location;
    private FingerprintTemplate[] _templates = [];
    private IdentityRegistry? _registry;
    private int _next;

    [Params(10_000)]
    public int StoredFingers { get; set; }

    [Params("sqlite", "postgres")]
    public string Engine { get; set; } = "sqlite";

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("huella-bench-").FullName;
        if (Engine == "postgres")
        {
            var admin = Environment.GetEnvironmentVariable("HUELLA_TEST_POSTGRES") ?? throw new InvalidOperationException("Set HUELLA_TEST_POSTGRES to a PostgreSQL admin connection string.");
            var name = "huella_bench_" + Guid.NewGuid().ToString("N")[..12];
            using (var connection = new Npgsql.NpgsqlConnection(admin))
            {
                connection.Open();
                using var create = connection.CreateCommand();
                create.CommandText = $"CREATE DATABASE {name}";
                create.ExecuteNonQuery();
            }

            _location = StoreLocation.Postgres(new Npgsql.NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString());
        }
        else
        {
            _location = StoreLocation.Sqlite(Path.Combine(_folder, "registry.db"));
        }

        _templates = RegistryGallery.Build(StoredFingers);
        var store = SqlPersonStore.Open(_location, _keys);
        store.InitializeAsync().GetAwaiter().GetResult();
        var capture = new CaptureMetadata(DateTimeOffset.UnixEpoch, "bench", 500);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < _templates.Length; i++)
        {
            var person = new PersonRecord(PersonId.Parse($"b{i}"), null, null, [new FingerRecord(FingerPosition.RightIndex, _templates[i].ToBytes(), 50, capture)], PersonStatus.Active, []);
            store.InsertAsync(person, null, "bench").GetAwaiter().GetResult();
        }

        store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Console.WriteLine($"// {Engine}: stored {StoredFingers} references in {watch.Elapsed.TotalSeconds:F1} s ({StoredFingers / watch.Elapsed.TotalSeconds:F0} inserts/s, one transaction and audit entry each)");
    }

    [IterationSetup(Target = nameof(EnrollOne))]
    public void OpenForEnrollment() => _registry ??= IdentityRegistry.OpenAsync(SqlPersonStore.Open(_location, _keys)).GetAwaiter().GetResult();

    /// <summary>Opens the store and loads every finger into a fresh index (what the server does at start-up).</summary>
    [Benchmark]
    public async Task<int> LoadIndex()
    {
        await using var registry = await IdentityRegistry.OpenAsync(SqlPersonStore.Open(_location, _keys));
        return registry.Index.FingerCount;
    }

    /// <summary>One enrollment decision on a gallery of <see cref="StoredFingers"/>: dedup search, insert, index update.</summary>
    [Benchmark]
    public async Task<EnrollmentOutcome> EnrollOne()
    {
        var n = Interlocked.Increment(ref _next);
        var template = RegistryGallery.Perturb(RegistryGallery.Seeds[n % 40], new Random(n));
        var request = new EnrollmentRequest(
            Cedula.Create(CedulaNationality.V, 50_000_000 + n),
            new Demographics("Bench", "Mark", new DateOnly(1990, 1, 1), Sex.Unknown, new Address("x", "01.01.01")),
            [new FingerCapture(FingerPosition.RightIndex, template, new CaptureMetadata(DateTimeOffset.UnixEpoch, "bench", 500))]);
        return (await _registry!.EnrollAsync(request, "bench")).Outcome;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _registry?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _keys.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
