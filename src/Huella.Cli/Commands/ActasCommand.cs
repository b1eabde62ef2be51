using System.CommandLine;
using System.Globalization;
using Huella.Elections;
using Huella.Elections.Contests;
using Huella.Elections.Geography;
using Huella.Elections.Reporting;
using Huella.Elections.Totalization;
using Huella.Elections.Ve2024;

namespace Huella.Cli.Commands;

/// <summary><c>huella actas …</c>: published actas, totalized by the same engine any observer can run.</summary>
internal static class ActasCommand
{
    private const string DefaultFolder = "../shared/data/elections/ve-2024";

    public static Command Build()
    {
        var command = new Command("actas", "Work with published actas (tally sheets).");
        command.Subcommands.Add(BuildImport());
        command.Subcommands.Add(ForensicsCommand.Build());
        command.Subcommands.Add(ActasScanCommand.Build());
        command.Subcommands.Add(ActasAuditCommand.Build());
        return command;
    }

    private static Command BuildImport()
    {
        var csv = new Option<FileInfo>("--csv")
        {
            Description = "Per-mesa results table (Venezuela 2024 format).",
            DefaultValueFactory = _ => new FileInfo(Path.Combine(DefaultFolder, "RESULTADOS_2024_CSV_V1.csv")),
        }.MustExistAsFile();
        var qr = new Option<FileInfo?>("--qr")
        {
            Description = "Acta QR payloads, one per line, checked against the table.",
            DefaultValueFactory = _ => new FileInfo(Path.Combine(DefaultFolder, "acta-qr-payloads.txt")),
        }.MustExistAsFile();
        var by = new Option<GeoLevel>("--by")
        {
            Description = "Also print totals at this level (State, Municipality, Parish, Centre).",
            DefaultValueFactory = _ => GeoLevel.Nation,
        };
        var report = new Option<FileInfo?>("--err") { Description = "Also write the totals as NIST SP 1500-100 version 2 Election Results Reporting JSON (docs/results-report.md)." };
        var command = new Command("import", "Totalize the 2024 actas (results table and QR payloads) and report discrepancies.") { csv, qr, by, report };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            try
            {
                return Import(parse.GetValue(csv)!, parse.GetValue(qr), parse.GetValue(by), parse.GetValue(report), output);
            }
            catch (Exception e) when (e is ElectionDataException or IOException)
            {
                error.WriteLine($"huella actas import: {e.Message}{(e is ElectionDataException { Line: { } line } ? $" (line {line})" : "")}");
                return 1;
            }
        });
        return command;
    }

    private static int Import(FileInfo csv, FileInfo? qr, GeoLevel by, FileInfo? report, TextWriter output)
    {
        var contest = Venezuela2024.Presidential;
        var rows = ResultadosCsv.Read(csv.FullName);
        var totalizer = new Totalizer(contest.Candidates.Length);
        foreach (var row in rows)
        {
            totalizer.Add(row.Result);
        }

        output.WriteLine($"{contest.Name}: {rows.Count:N0} actas from {csv.Name}");
        WriteTally(output, "Nation", totalizer.Nation, contest);
        if (by is not GeoLevel.Nation and not GeoLevel.Mesa)
        {
            var names = rows.GroupBy(r => (long)r.Result.Mesa.Centre.PrefixAt(by)).ToDictionary(g => g.Key, g => NameAt(g.First(), by));
            foreach (var (code, tally) in totalizer.At(by))
            {
                WriteTally(output, $"{names[code]} ({code})", tally, contest);
            }
        }

        foreach (var anomaly in totalizer.Anomalies)
        {
            output.WriteLine($"anomaly: {anomaly.Kind} at mesa {anomaly.Mesa}: {anomaly.Detail}");
        }

        if (report is not null)
        {
            var states = rows.GroupBy(r => (long)r.Result.Mesa.Centre.State).ToDictionary(g => g.Key, g => g.First().State);
            var election = new ReportedElection(contest.Name, new DateOnly(2024, 7, 28), states) { Nation = new AreaSize(Venezuela2024.Mesas) };
            File.WriteAllText(report.FullName, ResultsReport.ToJson(election, [new ReportedContest(contest, totalizer)], TimeProvider.System.GetUtcNow()));
            output.WriteLine($"NIST SP 1500-100 results: {report.FullName}");
        }

        // The default payload file is optional; one given on the command line was checked to exist.
        return qr is null || !qr.Exists || CheckQr(qr, rows, output) ? 0 : 1;
    }

    /// <summary>
    /// Cross-checks the payloads against the table; false when any disagrees or when no line was a
    /// payload at all (a few unreadable photos are expected in the published set, a file of only them checks nothing).
    /// </summary>
    private static bool CheckQr(FileInfo qr, IReadOnlyList<ResultadosRow> rows, TextWriter output)
    {
        var payloads = new List<CneQrPayload>();
        var unreadable = 0;
        var lineNumber = 0;
        foreach (var line in File.ReadLines(qr.FullName))
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            if (CneQrPayload.TryParse(line, out var payload, out var why))
            {
                payloads.Add(payload!);
            }
            else
            {
                output.WriteLine($"qr line {lineNumber}: not a payload ({why}): {line.Trim()}");
                unreadable++;
            }
        }

        if (payloads.Count == 0)
        {
            throw new ElectionDataException($"{qr.Name}: none of its {unreadable} line(s) is an acta QR payload; nothing was checked.");
        }

        var table = rows.ToDictionary(r => r.Result.Mesa, r => r.Result);
        var found = QrCrossCheck.Compare(payloads, table);
        var mesasWithDiscrepancy = found.Select(d => d.Mesa).Distinct().Count();
        output.WriteLine($"QR check: {payloads.Count} payloads, {payloads.Count - mesasWithDiscrepancy} agree with the table, {mesasWithDiscrepancy} disagree");
        foreach (var d in found)
        {
            output.WriteLine($"discrepancy: mesa {d.Mesa} {d.Field}: QR {d.InQr}, table {d.InTable}");
        }

        return found.Count == 0;
    }

    private static void WriteTally(TextWriter output, string title, Tally tally, BallotContest contest)
    {
        output.WriteLine();
        output.WriteLine($"{title}: {tally.Mesas:N0} mesas, {tally.RegisteredElectors:N0} electors, turnout {tally.Turnout.ToString("P2", CultureInfo.InvariantCulture)}");
        var order = Enumerable.Range(0, contest.Candidates.Length).OrderByDescending(i => tally.CandidateVotes[i]).ToArray();
        foreach (var i in order)
        {
            output.WriteLine($"  {contest.Candidates[i].Name,-28} {tally.CandidateVotes[i],12:N0}  {tally.Share(i).ToString("P2", CultureInfo.InvariantCulture),7}");
        }

        output.WriteLine($"  {"valid",-28} {tally.ValidVotes,12:N0}");
        output.WriteLine($"  {"null",-28} {tally.NullVotes,12:N0}");
    }

    private static string NameAt(ResultadosRow row, GeoLevel level) => level switch
    {
        GeoLevel.State => row.State,
        GeoLevel.Municipality => $"{row.Municipality}, {row.State}",
        GeoLevel.Parish => $"{row.Parish}, {row.Municipality}",
        _ => row.Result.Mesa.Centre.ToString(),
    };
}
