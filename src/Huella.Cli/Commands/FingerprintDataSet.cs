using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Huella.Biometrics;
using Huella.Research.Evaluation;
using Huella.Biometrics.Imaging;

namespace Huella.Cli.Commands;

/// <summary>A folder of <c>F_I.*</c> images (finger F, impression I), extracted into templates.</summary>
internal sealed partial class FingerprintDataSet
{
    private FingerprintDataSet(List<Sample> samples) => Samples = samples;

    public List<Sample> Samples { get; }

    public static FingerprintDataSet Load(string folder, double? dpi, Degradation degradation = Degradation.None)
    {
        var samples = new List<Sample>();
        var files = Directory.GetFiles(folder)
            .Select(path => (Path: path, Match: FileName().Match(Path.GetFileName(path))))
            .Where(f => f.Match.Success)
            .Select(f => (f.Path, Finger: f.Match.Groups[1].Value, Impression: int.Parse(f.Match.Groups[2].Value, CultureInfo.InvariantCulture)))
            .OrderBy(f => f.Finger, StringComparer.Ordinal)
            .ThenBy(f => f.Impression)
            .ToList();

        GrayImage Read(string path)
        {
            try
            {
                return ImageDegradation.Apply(ImageDecoder.Load(path, dpi), degradation);
            }
            catch (FingerprintFormatException e)
            {
                // A data set is hundreds of files: the message must say which one.
                throw new FingerprintFormatException($"{Path.GetFileName(path)}: {e.Message}", e) { Format = e.Format, Offset = e.Offset, Error = e.Error };
            }
        }

        // Warm up the JIT so the first image's time measures extraction, not compilation.
        if (files.Count > 0)
        {
            FingerprintTemplate.TryCreate(Read(files[0].Path), out _, out _);
        }

        foreach (var (path, finger, impression) in files)
        {
            var image = Read(path);
            var watch = Stopwatch.StartNew();
            FingerprintTemplate.TryCreate(image, out var template, out var reason);
            watch.Stop();
            samples.Add(new Sample(Path.GetFileName(path), finger, impression, template, reason, watch.Elapsed.TotalMilliseconds));
        }

        return new FingerprintDataSet(samples);
    }

    [GeneratedRegex(@"^(\d+)_(\d+)\.[A-Za-z0-9]+$")]
    private static partial Regex FileName();

    internal sealed record Sample(string Name, string Finger, int Impression, FingerprintTemplate? Template, NoFingerprintReason Failure, double ExtractMilliseconds);
}
