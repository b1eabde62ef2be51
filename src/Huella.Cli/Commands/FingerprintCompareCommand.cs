using System.CommandLine;
using Huella.Biometrics;
using Huella.Biometrics.Imaging;

namespace Huella.Cli.Commands;

/// <summary><c>huella fingerprint compare A B</c>: one score and the false match rate it stands for.</summary>
internal static class FingerprintCompareCommand
{
    public static Command Build()
    {
        var first = new Argument<FileInfo>("A") { Description = "First fingerprint image." }.MustExistAsFile();
        var second = new Argument<FileInfo>("B") { Description = "Second fingerprint image." }.MustExistAsFile();
        var dpi = CliInputs.Dpi("Resolution of both images, overriding what the files say.");
        var command = new Command("compare", "Compare two fingerprint images.") { first, second, dpi };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var a = Extract(parse.GetValue(first)!, parse.GetValue(dpi));
            var b = Extract(parse.GetValue(second)!, parse.GetValue(dpi));
            var score = new FingerprintMatcher(a).Match(b);
            var fmr = ScoreCalibration.FmrAt(score);
            output.WriteLine($"score {score:F4}  (FMR {fmr:0.##E+0} at this threshold; {a.Minutiae.Count} and {b.Minutiae.Count} minutiae)");
            output.WriteLine(score >= ScoreCalibration.ThresholdFor(1e-4) ? "match at FMR 1e-4" : "no match at FMR 1e-4");
            return 0;
        });
        return command;
    }

    private static FingerprintTemplate Extract(FileInfo file, double? dpi)
    {
        GrayImage image;
        try
        {
            image = ImageDecoder.Load(file.FullName, dpi);
        }
        catch (FingerprintFormatException e)
        {
            throw new FingerprintFormatException($"{file.Name}: {e.Message}", e) { Format = e.Format, Offset = e.Offset, Error = e.Error };
        }

        return FingerprintTemplate.TryCreate(image, out var template, out var reason)
            ? template
            : throw new NoUsableFingerprintException($"{file.Name}: no usable fingerprint ({reason}).");
    }
}
