using Huella.Biometrics.Imaging;
using Huella.Testing;

namespace Huella.Biometrics.Tests.Imaging;

public sealed class ImageDecoderTests
{
    [Theory]
    [InlineData("db1b", 388, 374)]
    [InlineData("db2b", 296, 560)]
    [InlineData("db3b", 300, 300)]
    [InlineData("db4b", 288, 384)]
    public void Every_FVC2002_tiff_decodes_at_its_set_size(string set, int width, int height)
    {
        var files = SharedData.Files($"fingerprints/fvc2002/{set}", "*.tif");
        Assert.Equal(80, files.Length);
        foreach (var file in files)
        {
            var image = ImageDecoder.Load(file);
            Assert.Equal((width, height), (image.Width, image.Height));
            var histogram = Histogram(image);
            Assert.True(histogram.Count(c => c > 0) > 32, $"{file} has too few gray levels to be a fingerprint");
        }
    }

    [Fact]
    public void Tiff_pixels_are_the_file_bytes_in_order()
    {
        // FVC2002 TIFFs are uncompressed and single-strip: the pixels are the last width*height bytes.
        var path = SharedData.PathOf("fingerprints", "fvc2002", "db3b", "101_1.tif");
        var bytes = File.ReadAllBytes(path);
        var image = ImageDecoder.Decode(bytes);
        var stripStart = FindStrip(bytes, image.Pixels.Length);
        Assert.True(image.Pixels.SequenceEqual(bytes.AsSpan(stripStart, image.Pixels.Length)));
    }

    [Fact]
    public void Png_bmp_and_jpeg_of_the_same_print_agree()
    {
        var png = ImageDecoder.Load(SharedData.PathOf("fingerprints", "sourceafis-samples", "probe.png"));
        var bmp = ImageDecoder.Load(SharedData.PathOf("fingerprints", "sourceafis-samples", "probe.bmp"));
        var jpeg = ImageDecoder.Load(SharedData.PathOf("fingerprints", "sourceafis-samples", "probe.jpeg"));
        Assert.Equal((388, 374), (png.Width, png.Height));
        Assert.True(png.Pixels.SequenceEqual(bmp.Pixels), "lossless PNG and BMP must give identical gray pixels");
        Assert.Equal((png.Width, png.Height), (jpeg.Width, jpeg.Height));
        Assert.InRange(MeanAbsoluteDifference(png, jpeg), 0.01, 6.0);
    }

    [Theory]
    [InlineData("wsq/jnbis/sample.png", 545, 622)]
    [InlineData("wsq/sourceafis/wsq-converted.png", 832, 768)]
    public void Colour_and_palette_pngs_become_gray(string file, int width, int height)
    {
        var image = ImageDecoder.Load(SharedData.PathOf(["fingerprints", .. file.Split('/')]));
        Assert.Equal((width, height), (image.Width, image.Height));
    }

    [Fact]
    public void Wsq_decodes_through_the_same_entry_point()
    {
        var wsq = File.ReadAllBytes(SharedData.PathOf("fingerprints", "wsq", "jnbis", "sample.wsq"));
        Assert.Equal(ImageFormat.Wsq, ImageDecoder.Detect(wsq));
        var decoded = ImageDecoder.Decode(wsq);
        var reference = ImageDecoder.Load(SharedData.PathOf("fingerprints", "wsq", "jnbis", "sample.png"));
        Assert.True(decoded.Pixels.SequenceEqual(reference.Pixels));
    }

    [Fact]
    public void Format_comes_from_content_not_the_name()
    {
        var tiffBytes = File.ReadAllBytes(SharedData.PathOf("fingerprints", "fvc2002", "db1b", "101_1.tif"));
        var renamed = Path.Combine(Directory.CreateTempSubdirectory("huella-").FullName, "looks-like.png");
        File.WriteAllBytes(renamed, tiffBytes);
        Assert.Equal(ImageFormat.Tiff, ImageDecoder.Detect(tiffBytes));
        Assert.Equal(388, ImageDecoder.Load(renamed).Width);
        File.Delete(renamed);
    }

    [Fact]
    public void The_callers_resolution_overrides_the_files()
    {
        var path = SharedData.PathOf("fingerprints", "fvc2002", "db2b", "101_1.tif");
        Assert.Equal(569, ImageDecoder.Load(path, dpi: 569).Dpi);
    }

    [Fact]
    public void Png_written_by_huella_reads_back_identical_with_its_resolution()
    {
        var original = ImageDecoder.Load(SharedData.PathOf("fingerprints", "fvc2002", "db2b", "105_3.tif"), dpi: 569);
        var back = ImageDecoder.Decode(ImageEncoder.EncodePng(original));
        Assert.True(original.Pixels.SequenceEqual(back.Pixels));
        Assert.Equal(569, back.Dpi, precision: 0);
    }

    [Fact]
    public void Binary_and_plain_pgm_decode()
    {
        byte[] binary = [.. "P5\n# comment\n3 2\n255\n"u8, 0, 10, 20, 30, 40, 255];
        var image = ImageDecoder.Decode(binary);
        Assert.Equal([0, 10, 20, 30, 40, 255], image.Pixels.ToArray());

        var plain = ImageDecoder.Decode("P2 2 2 15 0 15 5 10"u8);
        Assert.Equal([0, 255, 85, 170], plain.Pixels.ToArray());
    }

    [Fact]
    public void Raw_gray_takes_its_size_from_the_caller()
    {
        var image = ImageDecoder.DecodeRaw(new byte[] { 1, 2, 3, 4, 5, 6, 7 }, 3, 2, dpi: 1000);
        Assert.Equal([1, 2, 3, 4, 5, 6], image.Pixels.ToArray());
        Assert.Equal(1000, image.Dpi);
        Assert.Throws<FingerprintFormatException>(() => ImageDecoder.DecodeRaw(new byte[5], 3, 2));
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 1, 2, 3, 4 })]
    [InlineData(new byte[] { (byte)'P', (byte)'5', (byte)' ', (byte)'9', (byte)'9', (byte)'9', (byte)'9', (byte)'9', (byte)'9', (byte)' ', (byte)'9', (byte)'9', (byte)'9', (byte)'9', (byte)'9', (byte)' ', (byte)'2', (byte)'5', (byte)'5', (byte)' ' })]
    public void Garbage_and_impossible_sizes_are_format_errors(byte[] data) =>
        Assert.Throws<FingerprintFormatException>(() => ImageDecoder.Decode(data));

    private static int[] Histogram(GrayImage image)
    {
        var histogram = new int[256];
        foreach (var p in image.Pixels)
        {
            histogram[p]++;
        }

        return histogram;
    }

    private static double MeanAbsoluteDifference(GrayImage a, GrayImage b)
    {
        long sum = 0;
        for (var i = 0; i < a.Pixels.Length; i++)
        {
            sum += Math.Abs(a.Pixels[i] - b.Pixels[i]);
        }

        return (double)sum / a.Pixels.Length;
    }

    private static int FindStrip(byte[] file, int length)
    {
        // The strip is either right after the 8-byte header or at the end before the directory.
        var image = ImageDecoder.Decode(file);
        for (var start = 8; start + length <= file.Length; start++)
        {
            if (file.AsSpan(start, 64).SequenceEqual(image.Pixels[..64]))
            {
                return start;
            }
        }

        return -1;
    }
}
