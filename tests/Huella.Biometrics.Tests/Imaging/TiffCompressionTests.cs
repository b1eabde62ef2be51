using BitMiracle.LibTiff.Classic;
using Huella.Biometrics.Imaging;
using Huella.Testing;

namespace Huella.Biometrics.Tests.Imaging;

/// <summary>The TIFF compressions scanners write: a real FVC print re-written with each, read back exactly.</summary>
public sealed class TiffCompressionTests
{
    [Theory]
    [InlineData(Compression.NONE)]
    [InlineData(Compression.PACKBITS)]
    [InlineData(Compression.LZW)]
    [InlineData(Compression.ADOBE_DEFLATE)]
    public void Gray_tiffs_decode_to_the_same_pixels_and_resolution(Compression compression)
    {
        var original = ImageDecoder.Load(SharedData.PathOf("fingerprints", "fvc2002", "db2b", "103_4.tif"), dpi: 569);
        var tiff = Write(original, compression, minIsWhite: false);
        var decoded = ImageDecoder.Decode(tiff);
        Assert.True(original.Pixels.SequenceEqual(decoded.Pixels));
        Assert.Equal(569, decoded.Dpi);
    }

    [Fact]
    public void Min_is_white_tiffs_are_inverted_to_the_usual_polarity()
    {
        var original = ImageDecoder.Load(SharedData.PathOf("fingerprints", "fvc2002", "db3b", "105_1.tif"));
        var inverted = new GrayImage(original.Width, original.Height, [.. original.Pixels.ToArray().Select(p => (byte)(255 - p))]);
        var decoded = ImageDecoder.Decode(Write(inverted, Compression.LZW, minIsWhite: true));
        Assert.True(original.Pixels.SequenceEqual(decoded.Pixels));
    }

    private static byte[] Write(GrayImage image, Compression compression, bool minIsWhite)
    {
        using var stream = new MemoryStream();
        using (var tiff = Tiff.ClientOpen("test", "w", stream, new TiffStream()))
        {
            tiff.SetField(TiffTag.IMAGEWIDTH, image.Width);
            tiff.SetField(TiffTag.IMAGELENGTH, image.Height);
            tiff.SetField(TiffTag.BITSPERSAMPLE, 8);
            tiff.SetField(TiffTag.SAMPLESPERPIXEL, 1);
            tiff.SetField(TiffTag.PHOTOMETRIC, minIsWhite ? Photometric.MINISWHITE : Photometric.MINISBLACK);
            tiff.SetField(TiffTag.COMPRESSION, compression);
            tiff.SetField(TiffTag.ROWSPERSTRIP, 16);
            tiff.SetField(TiffTag.XRESOLUTION, image.Dpi);
            tiff.SetField(TiffTag.YRESOLUTION, image.Dpi);
            tiff.SetField(TiffTag.RESOLUTIONUNIT, ResUnit.INCH);
            for (var y = 0; y < image.Height; y++)
            {
                tiff.WriteScanline(image.Row(y).ToArray(), y);
            }

            tiff.WriteDirectory();
        }

        return stream.ToArray();
    }
}
