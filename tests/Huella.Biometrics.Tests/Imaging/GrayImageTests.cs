using Huella.Biometrics.Imaging;

namespace Huella.Biometrics.Tests.Imaging;

public sealed class GrayImageTests
{
    [Fact]
    public void Pixels_are_row_major()
    {
        var image = new GrayImage(3, 2, [1, 2, 3, 4, 5, 6]);
        Assert.Equal(6, image[2, 1]);
        Assert.Equal([4, 5, 6], image.Row(1).ToArray());
        Assert.Equal(GrayImage.DefaultDpi, image.Dpi);
    }

    [Theory]
    [InlineData(0, 2, 0)]
    [InlineData(3, 2, 5)]
    public void Rejects_a_buffer_that_does_not_fit(int width, int height, int length) =>
        Assert.ThrowsAny<ArgumentException>(() => new GrayImage(width, height, new byte[length]));

    [Theory]
    [InlineData(0)]
    [InlineData(-500)]
    [InlineData(double.NaN)]
    public void Rejects_a_meaningless_resolution(double dpi) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GrayImage.Filled(2, 2, 0, dpi));

    [Fact]
    public void WithDpi_keeps_pixels_and_changes_resolution()
    {
        var image = GrayImage.Filled(4, 4, 200).WithDpi(569);
        Assert.Equal(569, image.Dpi);
        Assert.All(image.Pixels.ToArray(), p => Assert.Equal(200, p));
    }
}
