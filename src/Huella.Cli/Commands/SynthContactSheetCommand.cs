using System.CommandLine;
using Huella.Biometrics.Imaging;
using Huella.Research.Synthesis;

namespace Huella.Cli.Commands;

/// <summary>
/// <c>huella synth contact-sheet</c>: one PNG with a grid of impressions (a row per finger), for
/// looking at the generator's output at a glance; docs/synthetic-contact-sheet.png is made by it.
/// </summary>
internal static class SynthContactSheetCommand
{
    private const int Gap = 4;

    public static Command Build()
    {
        var fingers = SynthCommand.CountOption("--fingers", "Fingers, one row each.", 4);
        var impressions = SynthCommand.CountOption("--impressions", "Impressions per finger, one column each.", 4);
        var seed = new Option<int>("--seed") { Description = "Seed of the fingers shown.", DefaultValueFactory = _ => 1 };
        var scale = new Option<double>("--scale") { Description = "Scale every impression by this factor in (0, 1] (area average), to keep the sheet small.", DefaultValueFactory = _ => 1 };
        scale.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<double>();
            if (!(value > 0 && value <= 1))
            {
                result.AddError("--scale must be in (0, 1].");
            }
        });
        var output = new Option<FileInfo>("--out") { Description = "PNG file to write.", Required = true };
        var command = new Command("contact-sheet", "Write a grid of synthetic impressions (rows = fingers) as one PNG.") { fingers, impressions, seed, scale, output };
        command.SetAction(parse =>
        {
            var file = parse.GetValue(output)!;
            try
            {
                var sheet = Compose(parse.GetValue(seed), parse.GetValue(fingers), parse.GetValue(impressions), parse.GetValue(scale));
                file.Directory?.Create();
                ImageEncoder.SavePng(sheet, file.FullName);
                parse.InvocationConfiguration.Output.WriteLine($"Wrote {file.FullName} ({sheet.Width}x{sheet.Height}).");
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                parse.InvocationConfiguration.Error.WriteLine($"huella synth contact-sheet: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    internal static GrayImage Compose(int seed, int fingerCount, int impressionCount, double scale)
    {
        var tiles = new GrayImage[fingerCount, impressionCount];
        Parallel.For(0, fingerCount, f =>
        {
            var finger = SyntheticFingerprints.CreateFinger(seed, f + 1);
            for (var i = 0; i < impressionCount; i++)
            {
                tiles[f, i] = Shrink(finger.Impression(i + 1), scale);
            }
        });

        var tileWidth = tiles[0, 0].Width;
        var tileHeight = tiles[0, 0].Height;
        var width = (impressionCount * (tileWidth + Gap)) - Gap;
        var height = (fingerCount * (tileHeight + Gap)) - Gap;
        var pixels = new byte[width * height];
        pixels.AsSpan().Fill(255);
        for (var f = 0; f < fingerCount; f++)
        {
            for (var i = 0; i < impressionCount; i++)
            {
                for (var y = 0; y < tileHeight; y++)
                {
                    tiles[f, i].Row(y).CopyTo(pixels.AsSpan((((f * (tileHeight + Gap)) + y) * width) + (i * (tileWidth + Gap)), tileWidth));
                }
            }
        }

        return new GrayImage(width, height, pixels, tiles[0, 0].Dpi);
    }

    /// <summary>Area-average downscaling: every output pixel is the mean of the input area it covers.</summary>
    private static GrayImage Shrink(GrayImage image, double scale)
    {
        if (scale >= 1)
        {
            return image;
        }

        var width = Math.Max(1, (int)Math.Round(image.Width * scale));
        var height = Math.Max(1, (int)Math.Round(image.Height * scale));
        var row = new float[image.Width];
        var across = new float[width * image.Height];
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                row[x] = image[x, y];
            }

            Resample(row, across.AsSpan(y * width, width));
        }

        var column = new float[image.Height];
        var result = new float[height];
        var pixels = new byte[width * height];
        for (var x = 0; x < width; x++)
        {
            for (var y = 0; y < image.Height; y++)
            {
                column[y] = across[(y * width) + x];
            }

            Resample(column, result);
            for (var y = 0; y < height; y++)
            {
                pixels[(y * width) + x] = (byte)Math.Clamp(MathF.Round(result[y]), 0, 255);
            }
        }

        return new GrayImage(width, height, pixels, image.Dpi * width / image.Width);
    }

    /// <summary>One dimension of area averaging, with fractional weights at the footprint's ends.</summary>
    private static void Resample(ReadOnlySpan<float> source, Span<float> target)
    {
        var ratio = (double)source.Length / target.Length;
        for (var o = 0; o < target.Length; o++)
        {
            var start = o * ratio;
            var end = start + ratio;
            var sum = 0.0;
            for (var i = (int)start; i < end && i < source.Length; i++)
            {
                sum += (Math.Min(end, i + 1) - Math.Max(start, i)) * source[i];
            }

            target[o] = (float)(sum / ratio);
        }
    }
}
