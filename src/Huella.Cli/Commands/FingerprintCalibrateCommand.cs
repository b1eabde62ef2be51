using System.CommandLine;
using System.Globalization;
using Huella.Research.Evaluation;

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
        folders.Validators.Add(result =>
        {
            foreach (var spec in result.GetValueOrDefault<string[]>() ?? [])
            {
                var (folder, dpiText) = Split(spec);
                if (dpiText is not null && !CliInputs.TryParseDpi(dpiText, out _, out var why))
                {
                    result.AddError($"{spec}: {why}");
                }
                else if (!Directory.Exists(folder))
                {
                    result.AddError(File.Exists(folder) ? $"'{folder}' is a file; a folder is needed." : $"no such folder: '{folder}'.");
                }
            }
        });
        return command;
    }

    public static string Fit(IEnumerable<string> folders)
    {
        var sets = new List<(string Name, IReadOnlyList<CalibrationSample> Samples)>();
        foreach (var spec in folders)
        {
            var (folder, dpiText) = Split(spec);
            double? dpi = dpiText is null ? null : double.Parse(dpiText, CultureInfo.InvariantCulture);
            var name = Path.GetFileName(Path.GetFullPath(folder).TrimEnd('/')) + (dpi is { } d ? $"@{d}" : "");
            var samples = FingerprintDataSet.Load(folder, dpi).Samples;

            // The fit needs impostor scores, so prints of at least two fingers in every folder.
            if (samples.Select(s => s.Finger).Distinct().Count() < 2)
            {
                throw new InvalidDataException($"{folder} holds {samples.Count} F_I.* image(s) of fewer than two fingers; calibration needs impostor pairs.");
            }

            sets.Add((name, [.. samples.Select(s => new CalibrationSample(s.Finger, s.Template))]));
        }

        return CalibrationFit.Fit(sets);
    }

    private static (string Folder, string? Dpi) Split(string spec)
    {
        var at = spec.LastIndexOf('@');
        return at > 0 ? (spec[..at], spec[(at + 1)..]) : (spec, null);
    }
}
