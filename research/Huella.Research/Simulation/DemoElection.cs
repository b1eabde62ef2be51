using Huella.Biometrics.Imaging;
using Huella.Crypto;
using Huella.Elections.Actas;
using Huella.Elections.Central;
using Huella.Elections.Contests;
using Huella.Elections.Definition;
using Huella.Elections.Printing;
using Huella.Elections.Reporting;
using Huella.Elections.Roll;
using Huella.Elections.Seats;
using Huella.Elections.Station;
using Huella.Elections.Totalization;
using Huella.Elections.Transmission;
using Huella.Identity;
using Huella.Identity.Enrollment;
using Huella.Identity.Gallery;
using Huella.Identity.Storage;
using Huella.Storage;

namespace Huella.Research.Simulation;

/// <summary>How big the synthetic country is, and where its stations transmit.</summary>
public sealed record DemoOptions(string Folder, int Mesas = 100, int ElectorsPerMesa = 500, int Seed = 2026)
{
    public double Turnout { get; init; } = 0.7;

    /// <summary>
    /// Starts the totalization centre once the election is published (definition, keys, the store
    /// it should use) and returns how to reach it over HTTP; null counts in-process instead.
    /// </summary>
    public Func<DemoCentralFiles, CancellationToken, Task<DemoCentral>>? StartCentral { get; init; }

    /// <summary>What each guess at a member's PIN costs (Argon2id) in the member key files the demo writes.</summary>
    public PassphraseCost MemberPinCost { get; init; } = PassphraseCost.Default;
}

/// <summary>What central needs to know: the election definition, the published keys, its acta store (SQLite).</summary>
public sealed record DemoCentralFiles(string DefinitionFile, string KeysFile, string CentralStore);

/// <summary>A running central: a client whose base address is central's, and each mesa's station API key (bound to that mesa).</summary>
public sealed record DemoCentral(HttpClient Http, IReadOnlyDictionary<string, string> StationApiKeys);

/// <summary>What central answered one transmission.</summary>
public sealed record DemoTransmission(string Mesa, IngestStatus Status, string Reason, int Attempts);

/// <summary>What the registry's national 1:N search did with the two enrollments of election year.</summary>
public sealed record DemoEnrollments(EnrollmentOutcome NewElector, EnrollmentOutcome SecondCedula, int Candidates, double TopScoreFmr);

/// <summary>One contest's outcome: national totals recounted from the stored actas, and the seats they give.</summary>
public sealed record DemoContestResult(ContestDefinition Definition, BallotContest Contest, Totalizer Totals, IReadOnlyList<int> SeatsWon);

/// <summary>What the demo produced, for the caller to print and for tests to check.</summary>
public sealed record DemoResult(
    IReadOnlyList<DemoContestResult> Contests,
    IReadOnlyDictionary<long, string> States,
    int Electors,
    DemoEnrollments Enrollments,
    int Verified,
    int RefusedDoubleVotes,
    int RefusedNoMatch,
    int RefusedIntruders,
    int NoFingerprintOnFile,
    IReadOnlyList<DemoTransmission> Transmissions,
    bool OverHttp,
    string DefinitionFile,
    string RegistryStore,
    string RollsFolder,
    string CentralStore,
    string ResultsFile,
    string KeysFile,
    DemoStationFolders Stations)
{
    /// <summary>The first contest's totals (the presidential race).</summary>
    public Totalizer Totals => Contests[0].Totals;

    public BallotContest Contest => Contests[0].Contest;
}

/// <summary>
/// A whole election on a synthetic country, end to end, with nothing faked: a registry of persons
/// with synthetic fingers (national 1:N search catches a second cédula), the roll cut from it into
/// packages sealed to each mesa's machine, every mesa running the real authentication desk and
/// ballot box with fresh impressions of each elector's finger, every acta signed and countersigned,
/// one acta tampered with in transit, and central recounting the nation from what it stored.
/// </summary>
public static class DemoElection
{
    private const string ElectionId = "HUELLA-DEMO-2026";

    /// <summary>What the results report says this election is: a test, never a real count.</summary>
    public const string DemoTestType = "demonstration: a synthetic country, its electors and their fingerprints";
    private const int ImportBatch = 5_000;

    public static async Task<DemoResult> RunAsync(DemoOptions options, IProgress<string> progress, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Mesas, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ElectorsPerMesa, 4);
        Directory.CreateDirectory(options.Folder);
        var country = new DemoCountry(options.Mesas, options.ElectorsPerMesa);
        var voters = new DemoVoters(options.Seed, options.Turnout, country);
        // The election is published as a definition file first; everything below reads it back.
        var definitionFile = Path.Combine(options.Folder, "election.json");
        await File.WriteAllTextAsync(definitionFile, country.Definition(ElectionId, "Elección demostrativa Huella 2026", new DateOnly(2026, 7, 28), Contests()).ToJson(), cancellationToken).ConfigureAwait(false);
        var definition = ElectionDefinition.Parse(await File.ReadAllTextAsync(definitionFile, cancellationToken).ConfigureAwait(false));
        BallotContest[] contests = [.. definition.Contests.Select(c => c.ToContest())];
        using var keys = new DemoKeys(country.Mesas);
        var keysFile = Path.Combine(options.Folder, "published-keys.json");
        var published = keys.Publish(ElectionId);
        await File.WriteAllTextAsync(keysFile, PublishedKeysFile.ToJson(published), cancellationToken).ConfigureAwait(false);

        var registryStore = Path.Combine(options.Folder, "registry.db");
        using var registryKeys = (await RegistryKeyRing.OpenAsync(StoreLocation.Sqlite(registryStore), Path.Combine(options.Folder, "registry.keys"), cancellationToken).ConfigureAwait(false)).Ring;
        var store = SqlPersonStore.Open(StoreLocation.Sqlite(registryStore), registryKeys, time);
        // The gallery keeps compact templates and prepares only what its pre-filter shortlists;
        // deduplication flags a person not on file in about 1 search in 1,000 (its FPIR), whatever
        // the registry's size: each comparison's threshold is set for the whole search.
        var registryOptions = new RegistryOptions
        {
            Gallery = new GalleryOptions { KeepPreparedTemplates = false },
            DeduplicationFpir = 1e-3,
        };
        await using var registry = await IdentityRegistry.OpenAsync(store, registryOptions, time, cancellationToken).ConfigureAwait(false);
        await RegisterPopulationAsync(registry, country, voters, progress, cancellationToken).ConfigureAwait(false);
        var enrollments = await EnrollElectionYearAsync(registry, country, voters, progress, cancellationToken).ConfigureAwait(false);

        progress.Report($"Cutting the roll from the registry into {country.Mesas.Length} packages, each sealed to its mesa's machine and signed…");
        var cut = await ElectoralRoll.CutAsync(registry.Store, definition.Id, definition.Mesas.Select(m => m.Mesa), time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var rollsFolder = Directory.CreateDirectory(Path.Combine(options.Folder, "rolls")).FullName;
        var packages = new byte[cut.Mesas.Count][];
        for (var m = 0; m < cut.Mesas.Count; m++)
        {
            packages[m] = RollPackage.Seal(cut.Mesas[m], keys.Of(cut.Mesas[m].Mesa).RollKey.PublicKey.Span, keys.Authority);
            await File.WriteAllBytesAsync(Path.Combine(rollsFolder, $"{cut.Mesas[m].Mesa}.roll"), packages[m], cancellationToken).ConfigureAwait(false);
        }

        // Each machine's kit and each member's PIN-sealed key, so any mesa can also be run by hand with `huella station`.
        progress.Report("Writing each machine's kit and each mesa member's key file, sealed with the member's PIN (Argon2id)…");
        var stations = DemoStationFiles.Write(options.Folder, ElectionId, [.. cut.Mesas.Select(m => m.Mesa)], keys, options.MemberPinCost);

        progress.Report($"Election day at {cut.Mesas.Count} mesas ({cut.Electors:N0} electors on the roll, {cut.WithoutFingerprints} without fingerprints on file)…");
        var days = RunElectionDay(cut, packages, keys, voters, contests, progress, time);
        await WriteMesaFilesAsync(options.Folder, cut, days, definition, published, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);

        var centralStore = Path.Combine(options.Folder, "central.db");
        var archive = new ActaArchive(StoreLocation.Sqlite(centralStore));
        await archive.InitializeAsync(cancellationToken).ConfigureAwait(false);
        using var central = new CentralCount(archive, published, contests, time);

        // The first mesa's presidential acta is altered in transit (the signatures no longer match),
        // every acta then arrives in reverse order, and the second mesa's arrives twice.
        IEnumerable<byte[]> sent = [Tamper(days[0].Closing[0]), .. days.SelectMany(d => d.Closing).Reverse(), days[1].Closing[0]];
        var transmissions = options.StartCentral is { } start
            ? await TransmitOverHttpAsync(await start(new DemoCentralFiles(definitionFile, keysFile, centralStore), cancellationToken).ConfigureAwait(false), sent, progress, time, cancellationToken).ConfigureAwait(false)
            : await TransmitInProcessAsync(central, sent, progress, cancellationToken).ConfigureAwait(false);

        progress.Report("Recounting the nation from the stored actas…");
        var totals = await central.RecountAllAsync(cancellationToken).ConfigureAwait(false);
        var results = new DemoContestResult[contests.Length];
        for (var c = 0; c < contests.Length; c++)
        {
            totals[c].FlagMissing(definition.Mesas.Select(m => m.Mesa));
            results[c] = new DemoContestResult(definition.Contests[c], contests[c], totals[c], definition.Contests[c].SeatsWon(totals[c].Nation.CandidateVotes.ToArray()));
        }

        var resultsFile = Path.Combine(options.Folder, "results.err.json");
        var reported = ReportedElection.Of(definition) with { TestType = DemoTestType };
        var report = ResultsReport.ToJson(reported, [.. results.Select(r => ReportedContest.Of(r.Definition, r.Totals))], time.GetUtcNow());
        await File.WriteAllTextAsync(resultsFile, report, cancellationToken).ConfigureAwait(false);
        var centralLog = EventLogReport.FromCentralArchive(ElectionId, await archive.ReadAllAsync(cancellationToken).ConfigureAwait(false), time.GetUtcNow());
        await File.WriteAllTextAsync(Path.Combine(options.Folder, "central.eel.json"), centralLog, cancellationToken).ConfigureAwait(false);
        return new DemoResult(
            results,
            definition.StateNames,
            cut.Electors,
            enrollments,
            days.Sum(d => d.Verified),
            days.Sum(d => d.RefusedDoubleVotes),
            days.Sum(d => d.RefusedNoMatch),
            days.Sum(d => d.RefusedIntruders),
            days.Sum(d => d.NoFingerprintOnFile),
            transmissions,
            options.StartCentral is not null,
            definitionFile,
            registryStore,
            rollsFolder,
            centralStore,
            resultsFile,
            keysFile,
            stations);
    }

    private static async Task<IReadOnlyList<DemoTransmission>> TransmitInProcessAsync(CentralCount central, IEnumerable<byte[]> actas, IProgress<string> progress, CancellationToken cancellationToken)
    {
        progress.Report("Handing the actas to central in-process (one is altered in transit)…");
        var outcomes = new List<DemoTransmission>();
        foreach (var acta in actas)
        {
            var outcome = (await central.IngestAsync([acta], cancellationToken).ConfigureAwait(false))[0];
            outcomes.Add(new DemoTransmission(outcome.Mesa?.ToString() ?? "?", outcome.Status, outcome.Reason, 1));
        }

        return outcomes;
    }

    private static async Task<IReadOnlyList<DemoTransmission>> TransmitOverHttpAsync(DemoCentral central, IEnumerable<byte[]> actas, IProgress<string> progress, TimeProvider time, CancellationToken cancellationToken)
    {
        progress.Report($"Transmitting the actas to central at {central.Http.BaseAddress} over HTTP, signed, with retries (one is altered in transit)…");
        var outcomes = new List<DemoTransmission>();
        foreach (var acta in actas)
        {
            // Each station sends with its own key, which central accepts for its mesa only.
            var mesa = SignedActa.TryDecode(acta, out var named, out _) ? named!.Acta.Mesa.ToString() : "";
            var transmitter = new ActaTransmitter(central.Http, time, new TransmitterOptions { ApiKey = central.StationApiKeys.GetValueOrDefault(mesa) });
            var result = await transmitter.SendAsync(acta, cancellationToken).ConfigureAwait(false);
            var status = result.Status switch
            {
                TransmissionStatus.Accepted => IngestStatus.Accepted,
                TransmissionStatus.AlreadyReceived => IngestStatus.AlreadyReceived,
                TransmissionStatus.Conflicting => IngestStatus.Conflicting,
                TransmissionStatus.Rejected => IngestStatus.Rejected,
                _ => throw new InvalidOperationException($"Central could not be reached after {result.Attempts} attempts: {result.Reason}"),
            };
            outcomes.Add(new DemoTransmission(SignedActa.TryDecode(acta, out var decoded, out _) ? decoded!.Acta.Mesa.ToString() : "?", status, result.Reason, result.Attempts));
        }

        return outcomes;
    }

    /// <summary>The population as registered over the years: imported in batches, both thumbs on file (a few without).</summary>
    private static async Task RegisterPopulationAsync(IdentityRegistry registry, DemoCountry country, DemoVoters voters, IProgress<string> progress, CancellationToken cancellationToken)
    {
        progress.Report($"Registering {country.Electors:N0} persons with synthetic fingerprints in the registry (SQLite, templates sealed with AES-GCM)…");
        EnrollmentRequest[] Batch(int first)
        {
            var batch = new EnrollmentRequest[Math.Min(ImportBatch, country.Electors - first)];
            Parallel.For(0, batch.Length, i => batch[i] = Person(country, voters, first + i));
            return batch;
        }

        // The next batch's fingers are synthesised while the store writes this one.
        var next = Task.Run(() => Batch(0), cancellationToken);
        for (var first = 0; first < country.Electors; first += ImportBatch)
        {
            var batch = await next.ConfigureAwait(false);
            if (first + ImportBatch < country.Electors)
            {
                var following = first + ImportBatch;
                next = Task.Run(() => Batch(following), cancellationToken);
            }

            await registry.ImportAsync(batch, "registrar", cancellationToken).ConfigureAwait(false);
            progress.Report($"  {first + batch.Length:N0} / {country.Electors:N0} persons registered");
        }
    }

    /// <summary>
    /// Two registrations in election year, both thumbs searched 1:N against the whole registry (scores
    /// fused): a new elector (enrolled, and on the roll), and a registered person under a second
    /// cédula (possible duplicate → adjudication → rejected, so they are on no second roll).
    /// </summary>
    private static async Task<DemoEnrollments> EnrollElectionYearAsync(IdentityRegistry registry, DemoCountry country, DemoVoters voters, IProgress<string> progress, CancellationToken cancellationToken)
    {
        progress.Report($"Enrolling two new applicants, each searched 1:N against all {registry.Index.FingerCount:N0} fingers…");
        var newcomer = country.Electors;
        var fresh = Person(country, voters, newcomer, country.ParishOf(country.Electors - 1));
        var enrolled = await registry.EnrollAsync(fresh, "enroller-1", cancellationToken).ConfigureAwait(false);

        var registered = country.Electors / 3;
        var capture = new CaptureMetadata(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), "synthetic-sensor", 500);
        var second = new EnrollmentRequest(
            Cedula.Create(CedulaNationality.V, DemoCountry.CedulaNumber(newcomer + 1)),
            fresh.Demographics with { GivenNames = "Otro", FamilyNames = "Nombre" },
            [
                new FingerCapture(FingerPosition.RightThumb, voters.RightThumb(registered).Impression(4).ToTemplate(), capture),
                new FingerCapture(FingerPosition.LeftThumb, voters.LeftThumb(registered).Impression(4).ToTemplate(), capture),
            ]);
        var duplicate = await registry.EnrollAsync(second, "enroller-2", cancellationToken).ConfigureAwait(false);
        if (duplicate.CaseId is { } caseId)
        {
            await registry.AdjudicateAsync(caseId, AdjudicationDecision.Reject, null, "adjudicator-1", cancellationToken).ConfigureAwait(false);
        }

        progress.Report($"  new applicant: {enrolled.Outcome}; a registered person under a second cédula: {duplicate.Outcome}{(duplicate.CaseId is null ? " (missed by the 1:N search)" : ", rejected by the adjudicator")}");
        return new DemoEnrollments(enrolled.Outcome, duplicate.Outcome, duplicate.Candidates.Count, duplicate.Candidates.Count > 0 ? duplicate.Candidates[0].Fmr : 1);
    }

    private static EnrollmentRequest Person(DemoCountry country, DemoVoters voters, int person, string? parish = null)
    {
        var demographics = new Demographics(
            Names.Given[person % Names.Given.Length],
            $"{Names.Family[person % Names.Family.Length]} {Names.Family[(person / Names.Family.Length) % Names.Family.Length]}",
            new DateOnly(1950 + (person % 55), 1 + (person % 12), 1 + (person % 28)),
            person % 2 == 0 ? Sex.Female : Sex.Male,
            new Address($"Calle {1 + (person % 90)}, casa {1 + (person % 40)}", parish ?? country.ParishOf(person)));
        var capture = new CaptureMetadata(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), "synthetic-sensor", 500);
        FingerCapture[] fingers = DemoVoters.HasNoFingerprint(person)
            ? []
            :
            [
                new FingerCapture(FingerPosition.RightThumb, voters.RightThumb(person).Impression(0).ToTemplate(), capture),
                new FingerCapture(FingerPosition.LeftThumb, voters.LeftThumb(person).Impression(0).ToTemplate(), capture),
            ];
        return new EnrollmentRequest(Cedula.Create(CedulaNationality.V, DemoCountry.CedulaNumber(person)), demographics, fingers);
    }

    private static MesaDay[] RunElectionDay(RollCut cut, byte[][] packages, DemoKeys keys, DemoVoters voters, BallotContest[] contests, IProgress<string> progress, TimeProvider time)
    {
        // Genuine electors who fail three captures are refused, not waved through (the failure the
        // closed system allowed); electors registered without fingerprints vote with an incident.
        var policy = new AuthenticationPolicy { AfterNoMatch = FallbackRule.Refuse, NoFingerprintOnFile = FallbackRule.AllowWithIncident };
        var days = new MesaDay[cut.Mesas.Count];
        var done = 0;
        Parallel.For(0, cut.Mesas.Count, m =>
        {
            var roll = cut.Mesas[m];
            days[m] = DemoMesa.Run(ElectionId, contests, policy, roll.Mesa, packages[m], keys.Authority.PublicKey, keys.Of(roll.Mesa), voters, time);
            var count = Interlocked.Increment(ref done);
            if (count % 10 == 0 || count == cut.Mesas.Count)
            {
                progress.Report($"  {count} / {cut.Mesas.Count} mesas closed");
            }
        });
        return days;
    }

    /// <summary>Per mesa: its log, and for each contest the opening and closing actas (bytes), the QR and the printed acta.</summary>
    private static async Task WriteMesaFilesAsync(string folder, RollCut cut, MesaDay[] days, ElectionDefinition definition, PublishedKeys published, DateTimeOffset generated, CancellationToken cancellationToken)
    {
        var actas = Directory.CreateDirectory(Path.Combine(folder, "actas")).FullName;
        var logs = Directory.CreateDirectory(Path.Combine(folder, "logs")).FullName;
        var print = definition.Contests.Select(c => new ActaPrintOptions { Contest = c.ToContest(), Keys = published }).ToArray();
        for (var m = 0; m < days.Length; m++)
        {
            var mesa = cut.Mesas[m].Mesa;
            for (var c = 0; c < print.Length; c++)
            {
                var name = $"{mesa}.{definition.Contests[c].Id}";
                var closing = days[m].Closing[c];
                await File.WriteAllBytesAsync(Path.Combine(actas, $"{name}.opening.acta"), days[m].Opening[c], cancellationToken).ConfigureAwait(false);
                await File.WriteAllBytesAsync(Path.Combine(actas, $"{name}.acta"), closing, cancellationToken).ConfigureAwait(false);
                var (pixels, size) = ActaQr.Render(ActaQr.Modules(closing), scale: 4);
                ImageEncoder.SavePng(new GrayImage(size, size, pixels), Path.Combine(actas, $"{name}.qr.png"));
                SignedActa.TryDecode(closing, out var signed, out _);
                await File.WriteAllBytesAsync(Path.Combine(actas, $"{name}.pdf"), ActaPrint.RenderPdf(signed!, print[c]), cancellationToken).ConfigureAwait(false);
            }

            // The log names every elector who came: personal data, owner-only like the registry.
            SecretFile.WriteAllText(Path.Combine(logs, $"{mesa}.log"), string.Join('\n', days[m].Log) + "\n");
            SecretFile.WriteAllText(Path.Combine(logs, $"{mesa}.eel.json"), EventLogReport.FromStationLog(ElectionId, mesa, days[m].Log, generated));
        }
    }

    /// <summary>
    /// Three contests on one ballot, one of each kind: a presidency where parties back candidates on
    /// several cards, a council of three seats by plurality (three marks per ballot), and an assembly
    /// of fifteen seats shared among party lists by D'Hondt.
    /// </summary>
    private static ContestDefinition[] Contests() =>
    [
        new(
            "presidencia",
            "Presidencia (demostración)",
            ContestKind.SingleSeat,
            Seats: 1,
            VotesPerBallot: 1,
            Method: null,
            [new("AR", "Ana Rivas"), new("BM", "Bruno Méndez"), new("CS", "Carla Soto"), new("DV", "Diego Vera")],
            [new("Partido Azul", 0), new("Unión Cívica", 0), new("Movimiento Verde", 1), new("Frente Rojo", 2), new("Alianza Naranja", 2), new("Independientes", 3)]),
        new(
            "concejo",
            "Concejo Municipal, 3 escaños (demostración)",
            ContestKind.MultiSeatPlurality,
            Seats: 3,
            VotesPerBallot: 3,
            Method: null,
            [new("EL", "Elena Lugo"), new("FP", "Fabián Paz"), new("GR", "Gloria Ruiz"), new("HT", "Héctor Toro"), new("IM", "Irene Mora")],
            [new("Partido Azul", 0), new("Movimiento Verde", 1), new("Frente Rojo", 2), new("Alianza Naranja", 3), new("Independientes", 4)]),
        new(
            "asamblea",
            "Asamblea, 15 escaños por lista (demostración)",
            ContestKind.PartyList,
            Seats: 15,
            VotesPerBallot: 1,
            Method: HighestAverageMethod.DHondt,
            [new("LA", "Lista Azul"), new("LV", "Lista Verde"), new("LR", "Lista Roja"), new("LI", "Lista Independiente")],
            [new("Partido Azul", 0), new("Movimiento Verde", 1), new("Frente Rojo", 2), new("Independientes", 3)]),
    ];

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

    private static class Names
    {
        public static readonly string[] Given = ["María", "José", "Ana", "Luis", "Carmen", "Carlos", "Rosa", "Jesús", "Luisa", "Pedro", "Elena", "Juan", "Isabel", "Miguel", "Teresa", "Rafael"];
        public static readonly string[] Family = ["González", "Rodríguez", "Pérez", "Hernández", "García", "Martínez", "López", "Sánchez", "Ramírez", "Torres", "Flores", "Rojas", "Díaz", "Moreno", "Álvarez", "Romero"];
    }
}
