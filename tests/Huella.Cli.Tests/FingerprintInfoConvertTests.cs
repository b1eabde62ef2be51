using Huella.Testing;

namespace Huella.Cli.Tests;

public sealed class FingerprintInfoConvertTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("huella-convert-").FullName;

    [Theory]
    [InlineData("fingerprints/fvc2002/db3b/101_1.tif", "TIFF image, 300x300 pixels, 500 dpi")]
    [InlineData("fingerprints/wsq/sourceafis/wsq-original.wsq", "WSQ image, 832x768 pixels")]
    [InlineData("fingerprints/sourceafis-samples/iso-probe.dat", "ISO/IEC 19794-2:2005")]
    [InlineData("ansi-nist/jnbis-nist-samples/sample.an2", "1× Type-1, 1× Type-2, 14× Type-4")]
    public void Info_recognises_the_content(string file, string expected)
    {
        var (exitCode, output, error) = CliRunner.Run("fingerprint", "info", SharedData.PathOf(file.Split('/')));
        Assert.True(exitCode == 0, error);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Info_on_something_else_is_a_clear_error()
    {
        var (exitCode, _, error) = CliRunner.Run("fingerprint", "info", SharedData.PathOf("elections", "ve-2024", "acta-qr-payloads.txt"));
        Assert.Equal(1, exitCode);
        Assert.Contains("Not a fingerprint image", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_to_wsq_and_back_to_png_keeps_size_and_resolution()
    {
        var wsq = Path.Combine(_folder, "print.wsq");
        var png = Path.Combine(_folder, "print.png");
        Assert.Equal(0, CliRunner.Run("fingerprint", "convert", SharedData.PathOf("fingerprints", "fvc2002", "db2b", "104_2.tif"), wsq, "--dpi", "569").ExitCode);
        Assert.Equal(0, CliRunner.Run("fingerprint", "convert", wsq, png).ExitCode);
        var (_, output, _) = CliRunner.Run("fingerprint", "info", png);
        Assert.Contains("PNG image, 296x560 pixels, 569 dpi", output, StringComparison.Ordinal);
        Assert.True(new FileInfo(wsq).Length * 10 < 296 * 560, "WSQ at 0.75 bpp compresses at least 10:1");
    }

    [Fact]
    public void Convert_refuses_an_unknown_output_format()
    {
        var (exitCode, _, error) = CliRunner.Run("fingerprint", "convert", SharedData.PathOf("fingerprints", "fvc2002", "db1b", "101_1.tif"), Path.Combine(_folder, "x.gif"));
        Assert.Equal(2, exitCode);
        Assert.Contains(".png or .wsq", error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
