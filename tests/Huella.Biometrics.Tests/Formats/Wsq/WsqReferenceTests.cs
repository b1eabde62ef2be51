using Huella.Biometrics.Formats.Wsq;
using Huella.Biometrics.Imaging;
using Huella.Testing;
using Xunit.Abstractions;

namespace Huella.Biometrics.Tests.Formats.Wsq;

public sealed class WsqReferenceTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("jnbis", "sample.wsq", "sample.png", 545, 622)]
    [InlineData("sourceafis", "wsq-original.wsq", "wsq-converted.png", 832, 768)]
    public void Decoding_reproduces_the_reference_decoder_exactly(string folder, string wsq, string png, int width, int height)
    {
        var decoded = WsqCodec.Decode(File.ReadAllBytes(SharedData.PathOf("fingerprints", "wsq", folder, wsq)));
        var expected = ImageDecoder.Load(SharedData.PathOf("fingerprints", "wsq", folder, png));

        Assert.Equal(width, decoded.Width);
        Assert.Equal(height, decoded.Height);
        Assert.Equal(500, decoded.Dpi);
        var (max, mean, differing) = Compare(expected, decoded);
        output.WriteLine($"{wsq}: max |diff| {max}, mean |diff| {mean:F6}, {differing} pixels differ");
        Assert.Equal(0, max);
    }

    internal static (int Max, double Mean, int Differing) Compare(GrayImage a, GrayImage b)
    {
        int max = 0, differing = 0;
        long sum = 0;
        for (var i = 0; i < a.Pixels.Length; i++)
        {
            var d = Math.Abs(a.Pixels[i] - b.Pixels[i]);
            max = Math.Max(max, d);
            sum += d;
            differing += d == 0 ? 0 : 1;
        }

        return (max, (double)sum / a.Pixels.Length, differing);
    }
}
