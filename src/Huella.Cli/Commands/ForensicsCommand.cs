using System.CommandLine;
using System.Globalization;
using System.Text;
using Huella.Elections;
using Huella.Elections.Contests;
using Huella.Elections.Forensics;
using Huella.Elections.Ve2024;
using Huella.Server.Forensics;

namespace Huella.Cli.Commands;

/// <summary>
/// <c>huella actas forensics</c>: election fingerprints, digit tests, outlying centres and coverage
/// of a per-mesa results table, written as plots, JSON, a text summary and the page fragment.
/// </summary>
internal static class ForensicsCommand
{
    public const string JsonFile = "forensics.json";
    public const string SummaryFile = "summary.txt";
    public const string PageFile = "forensics.html";

    public static Command Build()
    {
        var csv = new Option<FileInfo>("--csv")
        {
            Description = "Per-mesa results table (Venezuela 2024 format).",
            DefaultValueFactory = _ => new FileInfo(Path.Combine("../shared/data/elections/ve-2024", "RESULTADOS_2024_CSV_V1.csv")),
        }.MustExistAsFile();
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the plots, forensics.json, summary.txt and forensics.html.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the statistics as JSON instead of the text summary." };
        var english = new Option<bool>("--english") { Description = "Label plots and the page in English (Spanish by default)." };
        var lastDigit = new Option<long>("--last-digit-min")
        {
            Description = "Smallest count whose last digit is tested (at least 10).",
            DefaultValueFactory = _ => 100,
        };
        var command = new Command("forensics", "Election fingerprint, last- and second-digit tests, outlying centres and coverage of a results table.")
        {
            csv, output, json, english, lastDigit,
        };
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (parse.GetValue(lastDigit) < 10)
            {
                error.WriteLine("huella actas forensics: --last-digit-min must be at least 10.");
                return 2;
            }

            try
            {
                var options = new ForensicsOptions { LastDigitThreshold = parse.GetValue(lastDigit) };
                var language = parse.GetValue(english) ? ForensicsLanguage.English : ForensicsLanguage.Spanish;
                return Run(parse.GetValue(csv)!, parse.GetValue(output)!, parse.GetValue(json), language, options, parse.InvocationConfiguration.Output);
            }
            catch (Exception e) when (e is ElectionDataException or IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"huella actas forensics: {e.Message}{(e is ElectionDataException { Line: { } line } ? $" (line {line})" : "")}");
                return 1;
            }
        });
        return command;
    }

    private static int Run(FileInfo csv, DirectoryInfo folder, bool json, ForensicsLanguage language, ForensicsOptions options, TextWriter output)
    {
        var report = ForensicsAnalysis.Compute(ResultadosCsv.Read(csv.FullName), Venezuela2024.Presidential, options);
        folder.Create();
        foreach (var plot in ForensicsPlots.Render(report, language))
        {
            File.WriteAllBytes(Path.Combine(folder.FullName, plot.FileName), plot.Bytes.ToArray());
        }

        var jsonText = ForensicsJson.Write(report);
        File.WriteAllText(Path.Combine(folder.FullName, JsonFile), jsonText);
        var summary = Summary(report, csv.Name);
        File.WriteAllText(Path.Combine(folder.FullName, SummaryFile), summary);
        File.WriteAllText(Path.Combine(folder.FullName, PageFile), Page(report, language));
        output.Write(json ? jsonText + Environment.NewLine : summary);
        if (!json)
        {
            output.WriteLine($"Plots, {JsonFile}, {SummaryFile} and {PageFile} in {folder.FullName}");
        }

        return 0;
    }

    /// <summary>The fragment in a bare document, so the folder can be opened in a browser as it is.</summary>
    private static string Page(ForensicsReport report, ForensicsLanguage language) =>
        $"<!DOCTYPE html>\n<html lang=\"{(language == ForensicsLanguage.English ? "en" : "es")}\">\n<head><meta charset=\"utf-8\"><title>{(language == ForensicsLanguage.English ? "Election forensics" : "Forense electoral")}</title></head>\n<body>\n{ForensicsPage.Render(report, language, ".")}</body>\n</html>\n";

    internal static string Summary(ForensicsReport r, string source)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"{r.Contest}: forensics of {source}");
        text.AppendLine(c, $"coverage: {r.Coverage.Mesas:N0} of {r.Coverage.NationalMesas:N0} mesas ({r.Coverage.Fraction:P2}), {r.Coverage.Missing:N0} missing; {r.Coverage.Centres:N0} centres; {r.Coverage.MesaNumberGaps:N0} mesa numbers missing inside centres present");
        text.AppendLine(c, $"  national total: {r.Coverage.NationalMesasSource}; per-state totals not in the data read");
        text.AppendLine(c, $"electors {r.Electors:N0}, turnout {r.Turnout:P2}; {r.WinnerName} {r.WinnerShare:P2}, {r.RunnerUpName} {r.RunnerUpShare:P2}");
        foreach (var f in r.Fingerprints)
        {
            text.AppendLine(c, $"fingerprint {f.Candidate} per {f.Level.ToString().ToLowerInvariant()}: {f.Units:N0} units, median turnout {f.MedianTurnout:P1}, median share {f.MedianShare:P1}, r = {f.Correlation:F3} (p {P(f.CorrelationPValue)}), corner (both >= {f.CornerThreshold:P0}) {f.CornerUnits:N0}, both z > {f.JointOutlierZ:F0}: {f.JointOutliers:N0}");
        }

        foreach (var d in r.Digits.Candidates)
        {
            text.AppendLine(c, $"digits {d.Code,-4}: {Test("last", d.LastDigit, r.Digits.LastDigitThreshold)}; {Test("second", d.SecondDigit, r.Digits.SecondDigitThreshold)}");
        }

        foreach (var o in r.Outliers)
        {
            text.AppendLine(c, $"outliers within {o.Within.ToString().ToLowerInvariant()}: {o.Groups:N0} groups of >= {o.MinimumGroup}, {o.CentresScored:N0} centres, {o.Beyond:N0} with |z| > {o.Threshold:F1}");
            foreach (var x in o.MostExtreme.Take(5))
            {
                text.AppendLine(c, $"  {x.Centre} {x.Parish}, {x.State}: turnout {x.Turnout:P1} (z {Z(x.TurnoutZ)}), winner {x.WinnerShare:P1} (z {Z(x.WinnerShareZ)})");
            }
        }

        return text.ToString();
    }

    private static string Test(string name, ChiSquareTest t, long threshold) =>
        t.Sufficient
            ? string.Create(CultureInfo.InvariantCulture, $"{name} digit (>= {threshold}) n = {t.Count:N0}, chi2 = {t.Statistic:F2}, p = {t.PValue:G4}")
            : string.Create(CultureInfo.InvariantCulture, $"{name} digit (>= {threshold}) n = {t.Count:N0}, too few counts");

    private static string P(double p) =>
        p < 1e-300 ? "< 1e-300" : string.Create(CultureInfo.InvariantCulture, $"= {p:G3}");

    private static string Z(double? z) => z is { } v ? v.ToString("F2", CultureInfo.InvariantCulture) : "n/a";
}
