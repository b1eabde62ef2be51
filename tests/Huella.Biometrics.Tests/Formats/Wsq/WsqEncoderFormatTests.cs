using System.Text;
using Huella.Biometrics.Formats.Wsq;
using Huella.Biometrics.Imaging;
using Huella.Testing;

namespace Huella.Biometrics.Tests.Formats.Wsq;

public sealed class WsqEncoderFormatTests
{
    private static readonly Lazy<GrayImage> Fvc = new(() => ImageDecoder.Load(SharedData.PathOf("fingerprints", "fvc2002", "db1b", "101_1.tif")));

    [Fact]
    public void Encoded_file_has_the_reference_encoder_layout()
    {
        var file = WsqCodec.Encode(Fvc.Value, 0.75, "Huella test");

        var markers = WsqSegments.List(file).Select(s => s.Marker).ToArray();
        ushort[] expected = [0xFFA0, 0xFFA8, 0xFFA8, 0xFFA4, 0xFFA5, 0xFFA2, 0xFFA6, 0xFFA3, 0xFFA6, 0xFFA3, 0xFFA3, 0xFFA1];
        Assert.Equal(expected, markers);
        Assert.True(WsqCodec.IsWsq(file));
        Assert.Equal([0xFF, 0xA1], file[^2..]);
    }

    [Fact]
    public void Transform_table_is_byte_for_byte_the_one_in_certified_files()
    {
        var sample = File.ReadAllBytes(SharedData.PathOf("fingerprints", "wsq", "jnbis", "sample.wsq"));
        var file = WsqCodec.Encode(Fvc.Value);

        var theirs = WsqSegments.List(sample).Single(s => s.Marker == 0xFFA4);
        var ours = WsqSegments.List(file).Single(s => s.Marker == 0xFFA4);
        Assert.Equal(WsqSegments.Body(sample, theirs), WsqSegments.Body(file, ours));
    }

    [Fact]
    public void Tables_and_frame_hold_what_the_specification_requires()
    {
        var image = Fvc.Value;
        var file = WsqCodec.Encode(image);
        var segments = WsqSegments.List(file);

        var dqt = WsqSegments.Body(file, segments.Single(s => s.Marker == 0xFFA5));
        Assert.Equal(387, dqt.Length);
        Assert.Equal([2, 0, 44], dqt[..3]);
        for (var band = 60; band < 64; band++)
        {
            Assert.All(dqt.AsSpan(3 + (band * 6), 6).ToArray(), b => Assert.Equal(0, b));
        }

        var sof = WsqSegments.Body(file, segments.Single(s => s.Marker == 0xFFA2));
        Assert.Equal(15, sof.Length);
        Assert.Equal(image.Height, (sof[2] << 8) | sof[3]);
        Assert.Equal(image.Width, (sof[4] << 8) | sof[5]);

        var blocks = segments.Where(s => s.Marker == 0xFFA3).Select(s => WsqSegments.Body(file, s)[0]).ToArray();
        Assert.Equal([0, 1, 1], blocks);
        var tableIds = segments.Where(s => s.Marker == 0xFFA6).Select(s => WsqSegments.Body(file, s)[0]).ToArray();
        Assert.Equal([0, 1], tableIds);
    }

    [Fact]
    public void NistCom_comment_records_size_and_resolution()
    {
        var image = ImageDecoder.Load(SharedData.PathOf("fingerprints", "fvc2002", "db2b", "101_1.tif")).WithDpi(569);
        var file = WsqCodec.Encode(image, 0.75, "free text");
        var comments = WsqSegments.List(file).Where(s => s.Marker == 0xFFA8).Select(s => Encoding.ASCII.GetString(WsqSegments.Body(file, s))).ToArray();

        Assert.Equal(2, comments.Length);
        var lines = comments[0].Split('\n');
        Assert.Equal("NIST_COM 9", lines[0]);
        Assert.Contains($"PIX_WIDTH {image.Width}", lines);
        Assert.Contains($"PIX_HEIGHT {image.Height}", lines);
        Assert.Contains("PPI 569", lines);
        Assert.Contains("WSQ_BITRATE 0.750000", lines);
        Assert.Equal("free text", comments[1]);
        Assert.Equal(569, WsqCodec.Decode(file).Dpi);
    }

    [Fact]
    public void Lower_bit_rates_give_smaller_files()
    {
        var sizes = new[] { 2.25, 0.75, 0.3 }.Select(rate => WsqCodec.Encode(Fvc.Value, rate).Length).ToArray();
        Assert.True(sizes[0] > sizes[1] && sizes[1] > sizes[2], string.Join(", ", sizes));
    }

    [Fact]
    public void A_flat_image_comes_back_flat()
    {
        var flat = GrayImage.Filled(200, 180, 173);
        var decoded = WsqCodec.Decode(WsqCodec.Encode(flat));
        Assert.All(decoded.Pixels.ToArray(), p => Assert.Equal(173, p));
    }

    [Fact]
    public void Encoding_is_deterministic()
    {
        Assert.Equal(WsqCodec.Encode(Fvc.Value), WsqCodec.Encode(Fvc.Value));
    }

    [Theory]
    [InlineData(40, 400)]
    [InlineData(400, 40)]
    public void Rejects_images_too_small_for_the_decomposition(int width, int height) =>
        Assert.Throws<ArgumentException>(() => WsqCodec.Encode(GrayImage.Filled(width, height, 128)));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(4.01)]
    [InlineData(8)]
    [InlineData(1e9)]
    [InlineData(double.PositiveInfinity)]
    public void Rejects_a_meaningless_bit_rate(double rate) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => WsqCodec.Encode(Fvc.Value, rate));

    [Fact]
    public void The_highest_bit_rate_accepted_gives_a_file_that_decodes_to_the_image()
    {
        var decoded = WsqCodec.Decode(WsqCodec.Encode(Fvc.Value, WsqCodec.MaxBitRate));
        Assert.Equal((Fvc.Value.Width, Fvc.Value.Height), (decoded.Width, decoded.Height));
        var worst = 0;
        for (var i = 0; i < decoded.Pixels.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(decoded.Pixels[i] - Fvc.Value.Pixels[i]));
        }

        // No worse than at the usual rates (18 at 2.25 bits per pixel on this print).
        Assert.InRange(worst, 0, 24);
    }

    [Fact]
    public void Rejects_a_comment_posing_as_nistcom() =>
        Assert.Throws<ArgumentException>(() => WsqCodec.Encode(Fvc.Value, 0.75, "NIST_COM 1"));
}
