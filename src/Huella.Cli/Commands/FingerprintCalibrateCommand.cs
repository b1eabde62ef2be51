using System.CommandLine;
using System.Globalization;
using Huella.Biometrics.Evaluation;

namespace Huella.Cli.Commands;

/// <summary>
/// <c>huella fingerprint calibrate DIR[@DPI]…</c>: fits the score → FMR table on the pooled impostor
/// scores of the folders and prints it as C# for <c>src/Huella.Biometrics/ScoreCalibration.Table.cs</c>
/// (see <see cref="CalibrationFit"/>).
/// </summary>
internal static class FingerprintCalibrateCommand
{
    public static Command Build()
    {
        var folders = new Argument<string[]>("DIR") { Description = "Folders of F_I.* images; append @DPI to override a folder's resolution.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("calibrate", "Fit the score to false-match-rate table on impostor scores and print it as C#.") { folders };
        command.SetAction(parse =>
        {
            parse.InvocationConfiguration.Output.Write(Fit(parse.GetValue(folders)!));
            return 0;
        });
        return command;
    }

    public static string Fit(IEnumerable<string> folders)
    {
        var sets = new List<(string Name, IReadOnlyList<CalibrationSample> Samples)>();
        foreach (var spec in folders)
        {
            var at = spec.LastIndexOf('@');
            var folder = at > 0 ? spec[..at] : spec;
            double? dpi = at > 0 ? double.Parse(spec[(at + 1)..], CultureInfo.InvariantCulture) : null;
            var name = Path.GetFileName(Path.GetFullPath(folder).TrimEnd('/')) + (dpi is { } d ? $"@{d}" : "");
            sets.Add((name, [.. FingerprintDataSet.Load(folder, dpi).Samples.Select(s => new CalibrationSample(s.Finger, s.Template))]));
        }

        return CalibrationFit.Fit(sets);
    }
}
