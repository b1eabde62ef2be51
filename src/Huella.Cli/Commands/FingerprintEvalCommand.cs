using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Huella.Biometrics;
using Huella.Research.Evaluation;

namespace Huella.Cli.Commands;

/// <summary>
/// <c>huella fingerprint eval DIR</c>: the FVC protocol on a folder of <c>F_I.*</c> images. Every
/// ordered pair of distinct images is compared; same finger is genuine, different finger impostor.
/// An image without a usable fingerprint takes part with score 0 in all its comparisons.
/// </summary>
internal static class FingerprintEvalCommand
{
    public static Command Build()
    {
        var folder = new Argument<DirectoryInfo>("DIR") { Description = "Folder of F_I.* images (finger F, impression I)." }.MustExistAsFolder();
        var dpi = CliInputs.Dpi("Resolution of the images, overriding what the files say.");
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var scores = new Option<FileInfo?>("--scores") { Description = "Write every score to this CSV file (probe,candidate,genuine,score)." };
        var plot = new Option<FileInfo?>("--plot") { Description = "Write the DET curve to this PNG file." };
        var degrade = new Option<Degradation>("--degrade")
        {
            Description = "Change every image first, as another sensor would (none, blur, sharpen, upsample): a robust engine barely moves.",
            DefaultValueFactory = _ => Degradation.None,
        };
        var minutiaeOnly = new Option<bool>("--minutiae-only")
        {
            Description = "Match on minutiae alone, as templates from ISO/ANSI records are (extracted templates also keep their ridge flow).",
        };
        var command = new Command("eval", "Measure accuracy and speed on a folder of fingerprint images (FVC protocol).") { folder, dpi, json, scores, plot, degrade, minutiaeOnly };
        command.SetAction(parse =>
        {
            var directory = parse.GetValue(folder)!;
            return Run(directory.FullName, parse.GetValue(dpi), parse.GetValue(degrade), parse.GetValue(minutiaeOnly), parse.GetValue(json), parse.GetValue(scores), parse.GetValue(plot),
                parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        });
        return command;
    }

    private static int Run(string folder, double? dpi, Degradation degradation, bool minutiaeOnly, bool json, FileInfo? scoresFile, FileInfo? plotFile, TextWriter output, TextWriter error)
    {
        var samples = FingerprintDataSet.Load(folder, dpi, degradation).Samples;
        if (minutiaeOnly)
        {
            samples = [.. samples.Select(s => s with { Template = s.Template?.WithoutRidgeFlow() })];
        }

        if (samples.Count < 2)
        {
            error.WriteLine($"huella fingerprint eval: need at least two F_I.* images in {folder}, found {samples.Count}.");
            return 1;
        }

        var genuine = new List<double>();
        var impostor = new List<double>();
        var rows = scoresFile is null ? null : new StringBuilder("probe,candidate,genuine,score\n");
        var scores = new double[samples.Count, samples.Count];
        var comparisons = 0;

        // The first pass is not timed: it builds each template's cylinders (once per template, as when
        // a gallery is loaded, not once per comparison) and compiles the matcher.
        for (var i = 0; i < samples.Count; i++)
        {
            comparisons += MatchRow(samples, i, scores);
        }

        // Timed passes until a second has passed, so the rate is not timer noise.
        var watch = new Stopwatch();
        var elapsed = 0.0;
        var rounds = 0;
        while ((rounds == 0 || elapsed < 1) && comparisons > 0)
        {
            watch.Restart();
            for (var i = 0; i < samples.Count; i++)
            {
                MatchRow(samples, i, scores);
            }

            elapsed += watch.Elapsed.TotalSeconds;
            rounds++;
        }

        for (var i = 0; i < samples.Count; i++)
        {
            for (var j = 0; j < samples.Count; j++)
            {
                if (i == j)
                {
                    continue;
                }

                var same = samples[i].Finger == samples[j].Finger;
                (same ? genuine : impostor).Add(scores[i, j]);
                rows?.Append(CultureInfo.InvariantCulture, $"{samples[i].Name},{samples[j].Name},{(same ? 1 : 0)},{scores[i, j]:R}\n");
            }
        }

        if (genuine.Count == 0 || impostor.Count == 0)
        {
            error.WriteLine("huella fingerprint eval: the folder needs at least two impressions of one finger and two fingers.");
            return 1;
        }

        var rates = new ErrorRates(genuine, impostor);
        var times = samples.Select(s => s.ExtractMilliseconds).Order().ToArray();
        var median = times.Length % 2 == 1 ? times[times.Length / 2] : (times[(times.Length / 2) - 1] + times[times.Length / 2]) / 2;
        var perSecond = rounds > 0 ? comparisons * rounds / elapsed : 0;
        var failures = samples.Count(s => s.Template is null);
        var lowQualityShare = LowQualityShare(samples, scores, rates.ThresholdAtFmr(0.001));

        if (scoresFile is not null)
        {
            File.WriteAllText(scoresFile.FullName, rows!.ToString());
        }

        if (plotFile is not null)
        {
            DetPlot.Write(rates, Path.GetFileName(folder), plotFile.FullName);
        }

        if (json)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                writer.WriteNumber("images", samples.Count);
                writer.WriteNumber("genuine", rates.GenuineCount);
                writer.WriteNumber("impostor", rates.ImpostorCount);
                writer.WriteNumber("eer", Math.Round(rates.Eer, 6));
                writer.WriteNumber("fnmr_at_fmr_1pct", Math.Round(rates.FnmrAtFmr(0.01), 6));
                writer.WriteNumber("fnmr_at_fmr_01pct", Math.Round(rates.FnmrAtFmr(0.001), 6));
                writer.WriteNumber("fnmr_at_zero_fmr", Math.Round(rates.FnmrAtFmr(0), 6));
                writer.WriteNumber("extract_ms_median", Math.Round(median, 3));
                writer.WriteNumber("comparisons_per_second", Math.Round(perSecond));
                writer.WriteNumber("extraction_failures", failures);
                writer.WriteNumber("low_quality_fnm_share", Math.Round(lowQualityShare, 6));
                writer.WriteEndObject();
            }

            output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
        }
        else
        {
            output.WriteLine($"{Path.GetFileName(folder)}: {samples.Count} images, {rates.GenuineCount} genuine and {rates.ImpostorCount} impostor comparisons");
            if (failures > 0)
            {
                output.WriteLine($"  no usable fingerprint: {failures} image(s) ({string.Join(", ", samples.Where(s => s.Template is null).Select(s => $"{s.Name}: {s.Failure}"))})");
            }

            output.WriteLine($"  EER                  {rates.Eer * 100,7:F2} %");
            output.WriteLine($"  FNMR at FMR 1 %      {rates.FnmrAtFmr(0.01) * 100,7:F2} %");
            output.WriteLine($"  FNMR at FMR 0.1 %    {rates.FnmrAtFmr(0.001) * 100,7:F2} %");
            output.WriteLine($"  FNMR at zero FMR     {rates.FnmrAtFmr(0) * 100,7:F2} %");
            output.WriteLine($"  extraction (median)  {median,7:F2} ms per image");
            output.WriteLine($"  comparison (1 core)  {perSecond,7:N0} per second");
            output.WriteLine($"  lowest-quality 10 % of images take part in {lowQualityShare * 100:F0} % of false non-matches at FMR 0.1 %");
        }

        return 0;
    }

    // One probe against every other image, with a matcher prepared once: the 1:N pattern being timed.
    private static int MatchRow(List<FingerprintDataSet.Sample> samples, int i, double[,] scores)
    {
        var probe = samples[i].Template;
        if (probe is null)
        {
            return 0;
        }

        var matcher = new FingerprintMatcher(probe);
        var count = 0;
        for (var j = 0; j < samples.Count; j++)
        {
            if (j != i && samples[j].Template is { } candidate)
            {
                scores[i, j] = matcher.Match(candidate);
                count++;
            }
        }

        return count;
    }

    // Share of false non-matches (genuine pairs below the threshold) with at least one image in the lowest quality decile.
    private static double LowQualityShare(List<FingerprintDataSet.Sample> samples, double[,] scores, double threshold)
    {
        var qualities = samples.Select(s => s.Template?.Quality ?? 0).Order().ToArray();
        var cut = qualities[Math.Max(0, (qualities.Length / 10) - 1)];
        var low = samples.Select(s => (s.Template?.Quality ?? 0) <= cut).ToArray();
        int misses = 0, lowMisses = 0;
        for (var i = 0; i < samples.Count; i++)
        {
            for (var j = 0; j < samples.Count; j++)
            {
                if (i != j && samples[i].Finger == samples[j].Finger && scores[i, j] < threshold)
                {
                    misses++;
                    lowMisses += low[i] || low[j] ? 1 : 0;
                }
            }
        }

        return misses == 0 ? 0 : (double)lowMisses / misses;
    }
}
