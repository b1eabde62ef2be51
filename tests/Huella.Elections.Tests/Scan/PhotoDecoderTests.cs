using Huella.Elections.Scan;

namespace Huella.Elections.Tests.Scan;

public sealed class PhotoDecoderTests
{
    private static readonly byte[] Photo = ScanImages.Jpeg(ScanImages.Page("040202001.01.1.0001!1,2,3!0!0"));

    [Fact]
    public void A_jpeg_decodes_to_gray_pixels_of_its_size()
    {
        Assert.True(PhotoDecoder.TryDecode(Photo, PhotoLimits.Default, out var image, out var error));
        Assert.Null(error);
        Assert.Equal((900, 1200), (image!.Width, image.Height));
        Assert.InRange(image[10, 10], 240, 255);
    }

    [Fact]
    public void Text_is_not_an_image()
    {
        Assert.False(PhotoDecoder.TryDecode("this is not a photo of an acta"u8, PhotoLimits.Default, out var image, out var error));
        Assert.Null(image);
        Assert.Equal(PhotoErrorKind.NotAnImage, error!.Value.Kind);
    }

    [Theory]
    [InlineData("jpeg")]
    [InlineData("png")]
    public void A_truncated_image_is_unreadable(string format)
    {
        var whole = format == "png" ? ScanImages.Png(ScanImages.Page("040202001.01.1.0001!1,2,3!0!0")) : Photo;
        Assert.False(PhotoDecoder.TryDecode(whole.AsSpan(0, whole.Length / 2), PhotoLimits.Default, out _, out var error));
        Assert.Equal(PhotoErrorKind.Unreadable, error!.Value.Kind);
    }

    [Fact]
    public void Files_over_the_byte_limit_are_refused_unread()
    {
        Assert.False(PhotoDecoder.TryDecode(Photo, new PhotoLimits { MaxBytes = Photo.Length - 1 }, out _, out var error));
        Assert.Equal(PhotoErrorKind.TooManyBytes, error!.Value.Kind);
    }

    [Fact]
    public void Images_declaring_more_pixels_than_the_limit_are_refused_from_the_header()
    {
        Assert.False(PhotoDecoder.TryDecode(Photo, new PhotoLimits { MaxPixels = 900 * 1199 }, out _, out var error));
        Assert.Equal(PhotoErrorKind.TooManyPixels, error!.Value.Kind);
        Assert.Contains("900 x 1200", error.Value.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Large_images_are_averaged_down_while_decoding_and_their_code_still_reads()
    {
        var text = "040202001.01.1.0001!87,5,4,1,4,0,1,4,4,0,0,0,4,0,1,0,0,1,0,1,0,0,1,0,0,0,1,0,1,0,2,0,0,5,20,332,0,3!1!0";
        var png = ScanImages.Png(ScanImages.Page(System.Text.Encoding.ASCII.GetBytes(text), module: 8, y: 300));

        Assert.True(PhotoDecoder.TryDecode(png, new PhotoLimits { MaxDecodedPixels = 300_000 }, out var image, out var error), error?.Message);

        Assert.Equal((450, 600), (image!.Width, image.Height));
        Assert.Equal(text, QrLocator.Find(image, ScannedPayload.IsActa)?.Text);
    }
}
