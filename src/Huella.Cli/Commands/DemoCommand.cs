using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Huella.Elections.Central;
using Huella.Research.Simulation;
using Huella.Elections.Totalization;

namespace Huella.Cli.Commands;

/// <summary><c>huella demo</c>: a whole election on a synthetic country, on the embedded SQLite store.</summary>
internal static class DemoCommand
{
    public static Command Build()
    {
        var folder = new Option<DirectoryInfo>("--out") { Description = "Folder for the actas, logs, keys, central store and results.", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(".huella", "demo")) };
        var mesas = new Option<int>("--mesas") { Description = "Mesas (voting tables), over two states.", DefaultValueFactory = _ => 100 };
        var electors = new Option<int>("--electors-per-mesa") { Description = "Electors on each mesa's roll.", DefaultValueFactory = _ => 500 };
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic country and its fingers.", DefaultValueFactory = _ => 2026 };
        var serve = new Option<bool>("--serve") { Description = "Keep central and its public results portal running after the demo, until Ctrl-C." };
        var command = new Command("demo", "Run a whole synthetic election end to end on SQLite.") { folder, mesas, electors, seed, serve };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var options = new DemoOptions(parse.GetValue(folder)!.FullName, parse.GetValue(mesas), parse.GetValue(electors), parse.GetValue(seed));
            if (options.Mesas < 2 || options.ElectorsPerMesa < 4)
            {
                error.WriteLine("huella demo: needs at least 2 mesas and 4 electors per mesa.");
                return HuellaCommand.UsageError;
            }

            if (Directory.Exists(options.Folder))
            {
                Directory.Delete(options.Folder, recursive: true);
            }

            var clock = Stopwatch.StartNew();
            var progress = new SynchronousProgress(line => error.WriteLine($"[{clock.Elapsed:mm\\:ss}] {line}"));
            await using var central = new DemoCentralHost();
            var result = await DemoElection.RunAsync(options with { StartCentral = central.StartAsync }, progress, TimeProvider.System, cancellationToken);
            Print(output, result, options, clock.Elapsed);
            output.WriteLine($"Serve the portal over these results: {DemoPortal.ServeCommand(result)}");
            if (parse.GetValue(serve) && central.Address is { } address)
            {
                output.WriteLine($"Portal: {address} (results, drill-down to every mesa, its acta, QR and PDF); Ctrl-C stops it.");
                await DemoPortal.WaitUntilStoppedAsync(cancellationToken);
            }

            return 0;
        });
        return command;
    }

    private static void Print(TextWriter output, DemoResult result, DemoOptions options, TimeSpan elapsed)
    {
        foreach (var contest in result.Contests)
        {
            PrintContest(output, contest, result.States, options);
        }

        output.WriteLine();
        output.WriteLine($"Registry: a new applicant {Describe(result.Enrollments.NewElector)}; a registered person under a second cédula {Describe(result.Enrollments.SecondCedula)}.");
        output.WriteLine($"Authentication: {result.Verified:N0} electors verified by fingerprint; {result.RefusedNoMatch} genuine electors refused after three failed matches;");
        output.WriteLine($"  {result.RefusedIntruders} impostors (someone else's finger on an absent elector's cédula) refused; {result.RefusedDoubleVotes} double vote refused;");
        output.WriteLine($"  {result.NoFingerprintOnFile} electors without fingerprints on file voted, each counted as an incident on the acta.");
        foreach (var t in result.Transmissions.Where(t => t.Status != IngestStatus.Accepted))
        {
            output.WriteLine($"Central: acta {t.Mesa} {t.Status}: {t.Reason}");
        }

        output.WriteLine($"Central{(result.OverHttp ? " (over HTTP, signed actas with retries)" : string.Empty)}: {result.Transmissions.Count(t => t.Status == IngestStatus.Accepted)} actas accepted; anomalies: {(result.Contests.All(c => c.Totals.Anomalies.Count == 0) ? "none" : string.Join("; ", result.Contests.SelectMany(c => c.Totals.Anomalies.Select(a => $"{c.Definition.Id} {a.Kind} {a.Mesa}"))))}");
        output.WriteLine();
        output.WriteLine($"Election definition:      {result.DefinitionFile}");
        output.WriteLine($"Registry (SQLite):        {result.RegistryStore}");
        output.WriteLine($"Roll packages:            {result.RollsFolder}");
        output.WriteLine($"Actas, QR codes, PDFs:    {Path.Combine(options.Folder, "actas")}");
        output.WriteLine($"Station logs:             {Path.Combine(options.Folder, "logs")}");
        output.WriteLine($"Published keys:           {result.KeysFile}");
        output.WriteLine($"Station kits (0600):      {Path.Combine(result.Stations.Kits, "<mesa>.kit.json")} (the machine's keys only)");
        output.WriteLine($"Member keys (0600):       {Path.Combine(result.Stations.Kits, "<mesa>.president.key")} and .secretary.key, each sealed with its member's PIN");
        output.WriteLine($"Member PINs (0600):       {result.Stations.MemberPins} (the members' envelopes: in an election, never beside the key files)");
        output.WriteLine($"Central store (SQLite):   {result.CentralStore}");
        output.WriteLine($"Results (NIST 1500-100):  {result.ResultsFile}");
        output.WriteLine($"Check any acta: huella acta verify {Path.Combine(options.Folder, "actas", "<mesa>.<contest>.qr.png")} --keys {result.KeysFile}");
        output.WriteLine($"Done in {elapsed.TotalSeconds:F1} s.");
    }

    /// <summary>One contest's national table: votes, share, each state, and the seats won where there is more than one.</summary>
    private static void PrintContest(TextWriter output, DemoContestResult result, IReadOnlyDictionary<long, string> stateNames, DemoOptions options)
    {
        var (contest, nation) = (result.Contest, result.Totals.Nation);
        var seats = result.Definition.Seats > 1;
        output.WriteLine();
        output.WriteLine($"{contest.Name}: {nation.Mesas} of {options.Mesas} mesas counted, {nation.RegisteredElectors:N0} electors, turnout {nation.Turnout.ToString("P1", CultureInfo.InvariantCulture)}");
        output.WriteLine($"{"candidate",-20} {"nation",9} {"share",7}  {string.Join("  ", stateNames.Values.Select(s => $"{s,12}"))}{(seats ? "  seats" : string.Empty)}");
        var states = result.Totals.At(Huella.Elections.Geography.GeoLevel.State);
        foreach (var c in Enumerable.Range(0, contest.Candidates.Length).OrderByDescending(c => nation.CandidateVotes[c]))
        {
            output.WriteLine($"{contest.Candidates[c].Name,-20} {nation.CandidateVotes[c],9:N0} {nation.Share(c).ToString("P1", CultureInfo.InvariantCulture),7}  {string.Join("  ", states.Values.Select(t => $"{t.CandidateVotes[c],12:N0}"))}{(seats ? $"  {result.SeatsWon[c],5}" : string.Empty)}");
        }

        output.WriteLine($"{"null / blank",-20} {nation.NullVotes,4:N0} / {nation.BlankVotes:N0}");
    }

    private static string Describe(Huella.Identity.Enrollment.EnrollmentOutcome outcome) => outcome switch
    {
        Huella.Identity.Enrollment.EnrollmentOutcome.Enrolled => "was enrolled (no similar finger in the registry)",
        Huella.Identity.Enrollment.EnrollmentOutcome.PendingAdjudication => "was caught by the 1:N search and rejected in adjudication",
        _ => $"ended {outcome}",
    };

    /// <summary>Reports on the caller's thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<string> report) : IProgress<string>
    {
        private readonly Lock _gate = new();

        public void Report(string value)
        {
            lock (_gate)
            {
                report(value);
            }
        }
    }
}
