using System.CommandLine;
using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using Huella.Biometrics.Imaging;
using Huella.Research.Synthesis;

namespace Huella.Cli.Commands;

/// <summary>
/// <c>huella synth fingerprints</c>: N fingers × K impressions as <c>F_I.png</c> (500 dpi) and
/// <c>ground-truth.json</c>. Fingers are made in parallel; the files do not depend on how many
/// cores ran.
/// </summary>
internal static class SynthFingerprintsCommand
{
    public static Command Build()
    {
        var fingers = SynthCommand.CountOption("--fingers", "Number of fingers (F = 1..N).", 10);
        var impressions = SynthCommand.CountOption("--impressions", "Impressions per finger (I = 1..K).", 8);
        var seed = new Option<int>("--seed") { Description = "Seed; the same seed always gives the same images.", DefaultValueFactory = _ => 1 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write F_I.png and ground-truth.json into (created if missing).", Required = true };
        var command = new Command("fingerprints", "Write synthetic fingerprint impressions F_I.png and their ground truth.") { fingers, impressions, seed, output };
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            try
            {
                Write(parse.GetValue(seed), parse.GetValue(fingers), parse.GetValue(impressions), parse.GetValue(output)!, parse.InvocationConfiguration.Output, error);
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"huella synth fingerprints: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static void Write(int seed, int fingerCount, int impressionCount, DirectoryInfo folder, TextWriter output, TextWriter error)
    {
        folder.Create();
        var clock = Stopwatch.StartNew();
        var fingers = new SyntheticFinger[fingerCount];
        var done = 0;
        var progressLock = new object();
        var lastReport = TimeSpan.Zero;
        Parallel.For(1, fingerCount + 1, f =>
        {
            var finger = SyntheticFingerprints.CreateFinger(seed, f);
            for (var i = 1; i <= impressionCount; i++)
            {
                ImageEncoder.SavePng(finger.Impression(i), Path.Combine(folder.FullName, $"{f}_{i}.png"));
            }

            fingers[f - 1] = finger;
            var finished = Interlocked.Increment(ref done);
            lock (progressLock)
            {
                if (finished == fingerCount || clock.Elapsed - lastReport > TimeSpan.FromSeconds(1))
                {
                    lastReport = clock.Elapsed;
                    error.WriteLine($"synth: {finished}/{fingerCount} fingers, {finished * impressionCount} impressions, {clock.Elapsed.TotalSeconds:F1} s");
                }
            }
        });

        var truthPath = Path.Combine(folder.FullName, "ground-truth.json");
        File.WriteAllBytes(truthPath, GroundTruth(seed, impressionCount, fingers));
        output.WriteLine($"Wrote {fingerCount * impressionCount} impressions of {fingerCount} fingers and {truthPath} in {clock.Elapsed.TotalSeconds:F1} s.");
    }

    /// <summary>Per finger: class and singular points on the master print and on every impression.</summary>
    private static byte[] GroundTruth(int seed, int impressionCount, IReadOnlyList<SyntheticFinger> fingers)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("generator", $"huella synth fingerprints {HuellaCommand.Version}");
            json.WriteNumber("seed", seed);
            json.WriteNumber("dpi", GrayImage.DefaultDpi);
            json.WriteString("coordinates", "pixels, x right, y down; 'singularPoints' on the master print, 'impressions[].singularPoints' on each image (may fall outside it)");
            json.WriteStartArray("fingers");
            foreach (var finger in fingers)
            {
                json.WriteStartObject();
                json.WriteNumber("finger", finger.FingerIndex);
                json.WriteNumber("seed", finger.Seed);
                json.WriteString("class", finger.Class.ToString());
                WritePoints(json, finger.SingularPoints);
                json.WriteStartArray("impressions");
                for (var i = 1; i <= impressionCount; i++)
                {
                    json.WriteStartObject();
                    json.WriteString("file", $"{finger.FingerIndex}_{i}.png");
                    json.WriteNumber("impression", i);
                    WritePoints(json, finger.SingularPointsIn(i));
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WritePoints(Utf8JsonWriter json, IReadOnlyList<SingularPoint> points)
    {
        json.WriteStartArray("singularPoints");
        foreach (var point in points)
        {
            json.WriteStartObject();
            json.WriteString("type", point.Type.ToString());
            json.WriteNumber("x", Math.Round(point.X, 1));
            json.WriteNumber("y", Math.Round(point.Y, 1));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
