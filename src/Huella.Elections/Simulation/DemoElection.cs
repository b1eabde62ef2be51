using System.Globalization;
using Huella.Biometrics;
using Huella.Biometrics.Imaging;
using Huella.Biometrics.Synthesis;
using Huella.Crypto;
using Huella.Elections.Actas;
using Huella.Elections.Central;
using Huella.Elections.Contests;
using Huella.Elections.Geography;
using Huella.Elections.Reporting;
using Huella.Elections.Station;
using Huella.Elections.Totalization;
using Huella.Storage;

namespace Huella.Elections.Simulation;

/// <summary>How big the synthetic country is.</summary>
public sealed record DemoOptions(string Folder, int Mesas = 10, int ElectorsPerMesa = 40, int Seed = 2026)
{
    public double Turnout { get; init; } = 0.7;
}

/// <summary>What the demo produced, for the caller to print and for tests to check.</summary>
public sealed record DemoResult(
    Totalizer Totals,
    SingleSeatContest Contest,
    IReadOnlyDictionary<long, string> States,
    int Electors,
    int Verified,
    int RefusedDoubleVotes,
    int RefusedNoMatch,
    int RefusedIntruders,
    IReadOnlyList<IngestOutcome> Transmissions,
    string CentralStore,
    string ResultsFile,
    string KeysFile);

/// <summary>
/// A whole election on a synthetic country, end to end, with nothing faked: every elector has a
/// synthetic finger (enrolled from one impression, presented at the mesa as another), every mesa
/// runs the real authentication desk and ballot box, every acta is signed, one acta is tampered
/// with in transit, and central recounts the national totals from what it stored.
/// </summary>
public static class DemoElection
{
    private const string ElectionId = "HUELLA-DEMO-2026";

    public static async Task<DemoResult> RunAsync(DemoOptions options, IProgress<string> progress, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Mesas, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ElectorsPerMesa, 4);
        Directory.CreateDirectory(options.Folder);
        var actasFolder = Directory.CreateDirectory(Path.Combine(options.Folder, "actas")).FullName;
        var logsFolder = Directory.CreateDirectory(Path.Combine(options.Folder, "logs")).FullName;
        var contest = Contest();
        var random = new Random(options.Seed);

        var mesas = Enumerable.Range(0, options.Mesas).Select(MesaOf).ToArray();
        var states = mesas.Select(m => (long)m.Centre.State).Distinct().ToDictionary(s => s, s => s == 1 ? "Estado Norte" : "Estado Sur");
        using var keys = new MesaKeys(mesas);
        var published = keys.Publish(ElectionId);
        var keysFile = Path.Combine(options.Folder, "published-keys.json");
        await File.WriteAllTextAsync(keysFile, PublishedKeysFile.ToJson(published), cancellationToken).ConfigureAwait(false);

        var electors = options.Mesas * options.ElectorsPerMesa;
        progress.Report($"Enrolling {electors:N0} electors: a synthetic finger each, template from impression 1…");
        var prints = EnrollPrints(electors, options.Seed, progress);

        progress.Report($"Election day at {options.Mesas} mesas…");
        var policy = new AuthenticationPolicy { AfterNoMatch = FallbackRule.Refuse };
        var signed = new byte[options.Mesas][];
        int verified = 0, doubleVotes = 0, noMatch = 0, intruders = 0;
        for (var m = 0; m < options.Mesas; m++)
        {
            var mesa = mesas[m];
            var roll = Enumerable.Range(0, options.ElectorsPerMesa)
                .Select(e => new ElectorEntry(Cedula(m, e), [prints[(m * options.ElectorsPerMesa) + e].Enrolled]));
            using var station = new PollingStation(ElectionId, mesa, contest, roll, policy, keys.Machine(mesa), time);
            await File.WriteAllBytesAsync(Path.Combine(actasFolder, $"{mesa}.opening.acta"), station.Open().Countersign(keys.President(mesa)).Countersign(keys.Secretary(mesa)).Encode(), cancellationToken).ConfigureAwait(false);
            var absent = -1;
            for (var e = 0; e < options.ElectorsPerMesa; e++)
            {
                if (random.NextDouble() > options.Turnout)
                {
                    absent = e;
                    continue;
                }

                var print = prints[(m * options.ElectorsPerMesa) + e];
                var outcome = Authenticate(station, Cedula(m, e), print.Presented);
                if (outcome.Status == AuthenticationStatus.Verified)
                {
                    verified++;
                }
                else if (outcome.Status == AuthenticationStatus.RefusedNoMatch)
                {
                    noMatch++;
                }

                if (outcome.Token is { } token)
                {
                    station.Machine.Cast(token, Choice(random, contest));
                }

                // One elector at the second mesa comes back to vote again: the desk refuses.
                if (m == 1 && outcome.Admitted && doubleVotes == 0
                    && station.Desk.Authenticate(Cedula(m, e), print.Presented[0]).Status == AuthenticationStatus.AlreadyVoted)
                {
                    doubleVotes++;
                }
            }

            // Someone presents an absent elector's cédula with their own finger (an elector of the next
            // mesa): three captures, no match, refused; the incident is on the acta.
            if (absent >= 0)
            {
                var intruder = prints[((m + 1) % options.Mesas) * options.ElectorsPerMesa].Presented;
                if (Authenticate(station, Cedula(m, absent), intruder).Status == AuthenticationStatus.RefusedNoMatch)
                {
                    intruders++;
                }
            }

            var acta = station.Close().Countersign(keys.President(mesa)).Countersign(keys.Secretary(mesa));
            signed[m] = acta.Encode();
            await File.WriteAllBytesAsync(Path.Combine(actasFolder, $"{mesa}.acta"), signed[m], cancellationToken).ConfigureAwait(false);
            var (pixels, size) = ActaQr.Render(ActaQr.Modules(signed[m]), scale: 4);
            ImageEncoder.SavePng(new GrayImage(size, size, pixels), Path.Combine(actasFolder, $"{mesa}.qr.png"));
            await File.WriteAllLinesAsync(Path.Combine(logsFolder, $"{mesa}.log"), station.Log.Lines, cancellationToken).ConfigureAwait(false);
        }

        progress.Report("Transmitting actas to central (one is altered in transit)…");
        var centralStore = Path.Combine(options.Folder, "central.db");
        var archive = new ActaArchive(StoreLocation.Sqlite(centralStore));
        await archive.InitializeAsync(cancellationToken).ConfigureAwait(false);
        using var central = new CentralCount(archive, published, contest, time);
        var tampered = Tamper(signed[0]);
        var transmissions = new List<IngestOutcome>();
        transmissions.AddRange(await central.IngestAsync([tampered], cancellationToken).ConfigureAwait(false));
        transmissions.AddRange(await central.IngestAsync([.. signed.Reverse()], cancellationToken).ConfigureAwait(false));
        transmissions.AddRange(await central.IngestAsync([signed[1]], cancellationToken).ConfigureAwait(false));

        progress.Report("Recounting the nation from the stored actas…");
        var totals = await central.RecountAsync(cancellationToken).ConfigureAwait(false);
        totals.FlagMissing(mesas);
        var resultsFile = Path.Combine(options.Folder, "results.err.json");
        await File.WriteAllTextAsync(resultsFile, ResultsReport.ToJson("Elección demostrativa Huella 2026", DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), contest, totals, states, time.GetUtcNow(), complete: true), cancellationToken).ConfigureAwait(false);
        return new DemoResult(totals, contest, states, electors, verified, doubleVotes, noMatch, intruders, transmissions, centralStore, resultsFile, keysFile);
    }

    private static SingleSeatContest Contest() => new(
        "Presidencia (demostración)",
        [new("AR", "Ana Rivas"), new("BM", "Bruno Méndez"), new("CS", "Carla Soto"), new("DV", "Diego Vera")],
        [new("Partido Azul", 0), new("Unión Cívica", 0), new("Movimiento Verde", 1), new("Frente Rojo", 2), new("Alianza Naranja", 2), new("Independientes", 3)]);

    private static MesaId MesaOf(int index)
    {
        // Two states, five mesas a centre, one centre a parish.
        var state = 1 + (index % 2);
        var centre = index / 10;
        return new MesaId(CentreCode.Parse(string.Create(CultureInfo.InvariantCulture, $"{state:D2}01{1 + centre:D2}001")), 1 + (index / 2 % 5));
    }

    private static string Cedula(int mesa, int elector) => string.Create(CultureInfo.InvariantCulture, $"V-{20_000_000 + (mesa * 1000) + elector}");

    private sealed record ElectorPrints(FingerprintTemplate Enrolled, FingerprintTemplate[] Presented);

    private static ElectorPrints[] EnrollPrints(int electors, int seed, IProgress<string> progress)
    {
        var prints = new ElectorPrints[electors];
        var done = 0;
        Parallel.For(0, electors, i =>
        {
            var finger = SyntheticFingerprints.CreateFinger(seed, i);
            var enrolled = FingerprintTemplate.Create(finger.Impression(0));
            // Up to three captures at the mesa: a fresh impression each time.
            FingerprintTemplate[] presented = [.. Enumerable.Range(1, 3).Select(k => FingerprintTemplate.TryCreate(finger.Impression(k), out var t, out _) ? t : enrolled)];
            prints[i] = new ElectorPrints(enrolled, presented);
            var count = Interlocked.Increment(ref done);
            if (count % 100 == 0 || count == electors)
            {
                progress.Report($"  {count:N0} / {electors:N0} electors enrolled");
            }
        });
        return prints;
    }

    private static AuthenticationOutcome Authenticate(PollingStation station, string cedula, FingerprintTemplate[] captures)
    {
        AuthenticationOutcome outcome = null!;
        foreach (var capture in captures)
        {
            outcome = station.Desk.Authenticate(cedula, capture);
            if (outcome.Status != AuthenticationStatus.TryAgain)
            {
                break;
            }
        }

        return outcome;
    }

    private static BallotChoice Choice(Random random, SingleSeatContest contest)
    {
        // A plausible electorate: most votes to two cards, a few null and blank.
        var roll = random.NextDouble();
        return roll switch
        {
            < 0.02 => BallotChoice.Null,
            < 0.03 => BallotChoice.Blank,
            < 0.38 => new BallotChoice(0),
            < 0.45 => new BallotChoice(1),
            < 0.75 => new BallotChoice(2),
            < 0.85 => new BallotChoice(3),
            < 0.90 => new BallotChoice(4),
            _ => new BallotChoice(contest.Cards.Length - 1),
        };
    }

    /// <summary>Moves ten votes between cards in the acta, leaving the signatures as they were.</summary>
    private static byte[] Tamper(byte[] signedActa)
    {
        SignedActa.TryDecode(signedActa, out var original, out _);
        var cards = original!.Acta.CardVotes.ToArray();
        var from = Array.IndexOf(cards, cards.Max());
        var moved = Math.Min(10, cards[from]);
        cards[from] -= moved;
        cards[(from + 2) % cards.Length] += moved;
        return original.WithAlteredActa(original.Acta with { CardVotes = [.. cards] }).Encode();
    }

    /// <summary>Each mesa's machine, president and secretary keys, generated for the demo.</summary>
    private sealed class MesaKeys : IDisposable
    {
        private readonly Dictionary<MesaId, SigningKey[]> _keys;

        public MesaKeys(IEnumerable<MesaId> mesas) =>
            _keys = mesas.ToDictionary(m => m, _ => new[] { SigningKey.Generate(), SigningKey.Generate(), SigningKey.Generate() });

        public SigningKey Machine(MesaId mesa) => _keys[mesa][0];

        public SigningKey President(MesaId mesa) => _keys[mesa][1];

        public SigningKey Secretary(MesaId mesa) => _keys[mesa][2];

        public PublishedKeys Publish(string election) => new(election, _keys.SelectMany(k => new[]
        {
            new PublishedKey(k.Key, SignerRole.Machine, k.Value[0].PublicKey, $"machine {k.Key}"),
            new PublishedKey(k.Key, SignerRole.Member, k.Value[1].PublicKey, $"president {k.Key}"),
            new PublishedKey(k.Key, SignerRole.Member, k.Value[2].PublicKey, $"secretary {k.Key}"),
        }), requiredCountersignatures: 2);

        public void Dispose()
        {
            foreach (var key in _keys.Values.SelectMany(k => k))
            {
                key.Dispose();
            }
        }
    }
}
