using Huella.Biometrics.Imaging;
using Huella.Testing;

namespace Huella.Biometrics.Tests.Imaging;

/// <summary>Mutated real files either decode or fail with the library's own format error.</summary>
public sealed class ImageDecoderFuzzTests
{
    public static TheoryData<string> Samples() =>
    [
        "fvc2002/db1b/101_1.tif",
        "sourceafis-samples/probe.png",
        "sourceafis-samples/probe.bmp",
        "sourceafis-samples/probe.jpeg",
        "wsq/sourceafis/wsq-converted.png",
    ];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Mutations_decode_or_fail_cleanly(string sample)
    {
        var original = File.ReadAllBytes(SharedData.PathOf(["fingerprints", .. sample.Split('/')]));
        var random = new Random(20261129);
        for (var iteration = 0; iteration < 60; iteration++)
        {
            var mutated = Mutate(original, random);
            try
            {
                var image = ImageDecoder.Decode(mutated);
                Assert.True(image.Width > 0 && image.Height > 0);
            }
            catch (FingerprintFormatException)
            {
                // The one acceptable failure.
            }
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_short_prefix_fails_cleanly_and_cheaply(string sample)
    {
        var original = File.ReadAllBytes(SharedData.PathOf(["fingerprints", .. sample.Split('/')]));
        for (var length = 0; length < Math.Min(original.Length, 200); length += 7)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                ImageDecoder.Decode(original.AsSpan(0, length));
            }
            catch (FingerprintFormatException)
            {
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated < 4_000_000, $"{length}-byte prefix allocated {allocated} bytes");
        }
    }

    internal static byte[] Mutate(byte[] original, Random random)
    {
        var data = (byte[])original.Clone();
        switch (random.Next(3))
        {
            case 0:
                for (var flips = random.Next(1, 16); flips > 0; flips--)
                {
                    var at = random.Next(Math.Min(data.Length, 1024));
                    data[at] ^= (byte)(1 << random.Next(8));
                }

                return data;
            case 1:
                return data[..random.Next(data.Length)];
            default:
                // A length-like field set huge: four 0x7F/0xFF bytes somewhere in the header area.
                var offset = random.Next(Math.Max(1, Math.Min(data.Length - 4, 256)));
                data[offset] = 0x7F;
                data[offset + 1] = 0xFF;
                data[offset + 2] = 0xFF;
                data[offset + 3] = 0xFF;
                return data;
        }
    }
}
