using Huella.Biometrics.Imaging;

namespace Huella.Cli.Tests;

/// <summary>Image files the CLI tests write from the shared data.</summary>
internal static class CliImages
{
    /// <summary>A real print pasted on a 2100 x 2100 white page at 500 dpi: more than the engine takes.</summary>
    public static byte[] OnLargePage(string printPath)
    {
        const int side = 2100;
        var print = ImageDecoder.Load(printPath);
        var pixels = new byte[side * side];
        pixels.AsSpan().Fill(255);
        for (var y = 0; y < print.Height; y++)
        {
            print.Row(y).CopyTo(pixels.AsSpan((y + 50) * side + 50, print.Width));
        }

        return ImageEncoder.EncodePng(new GrayImage(side, side, pixels, 500));
    }
}
