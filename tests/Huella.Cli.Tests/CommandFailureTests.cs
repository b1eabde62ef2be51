using Huella.Testing;

namespace Huella.Cli.Tests;

/// <summary>
/// Bad input on every verb gives one line on stderr and exit code 2 (usage) or 1 (failure), never a
/// stack trace, and a failure never exits 0.
/// </summary>
public sealed class CommandFailureTests : IDisposable
{
    private static readonly string Print = SharedData.PathOf("fingerprints", "fvc2002", "db1b", "101_1.tif");
    private readonly string _folder = Directory.CreateTempSubdirectory("huella-cli-failure-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e-300")]
    public void A_meaningless_dpi_is_a_usage_error(string dpi)
    {
        AssertOneLine(2, "not a resolution", CliRunner.Run("fingerprint", "compare", Print, Print, "--dpi", dpi));
        AssertOneLine(2, "not a resolution", CliRunner.Run("fingerprint", "eval", _folder, "--dpi", dpi));
        AssertOneLine(2, "not a resolution", CliRunner.Run("fingerprint", "calibrate", $"{_folder}@{dpi}"));
    }

    [Fact]
    public void A_folder_where_a_file_is_expected_is_a_usage_error()
    {
        AssertOneLine(2, "is a folder", CliRunner.Run("fingerprint", "compare", _folder, Print));
        AssertOneLine(2, "is a folder", CliRunner.Run("fingerprint", "info", _folder));
        AssertOneLine(2, "is a folder", CliRunner.Run("acta", "verify", "AAAA", "--keys", _folder));
        AssertOneLine(2, "is a folder", CliRunner.Run("election", "validate", _folder));
        AssertOneLine(2, "is a folder", CliRunner.Run("actas", "import", "--csv", _folder));
    }

    [Fact]
    public void Eval_on_a_folder_with_an_unreadable_image_names_it()
    {
        File.Copy(Print, Path.Combine(_folder, "101_1.tif"));
        File.Copy(SharedData.PathOf("fingerprints", "fvc2002", "db1b", "102_1.tif"), Path.Combine(_folder, "102_1.tif"));
        File.WriteAllBytes(Path.Combine(_folder, "103_1.tif"), "II*\0 not really a TIFF"u8.ToArray());
        AssertOneLine(1, "103_1.tif", CliRunner.Run("fingerprint", "eval", _folder));
    }

    [Fact]
    public void Calibrate_on_an_empty_folder_says_so()
    {
        AssertOneLine(1, "fewer than two fingers", CliRunner.Run("fingerprint", "calibrate", _folder));
    }

    [Fact]
    public void A_store_that_is_not_a_database_is_a_one_line_failure()
    {
        var notADatabase = Path.Combine(_folder, "notes.db");
        File.WriteAllText(notADatabase, "these are notes, not a registry\n");
        AssertOneLine(1, "huella registry stats:", CliRunner.Run("registry", "stats", "--store", "sqlite:" + notADatabase, "--keys", Path.Combine(_folder, "keys")));
        Assert.False(File.Exists(Path.Combine(_folder, "keys")));
    }

    [Fact]
    public void A_key_ring_file_that_is_not_one_is_refused_without_echoing_it()
    {
        var keys = Path.Combine(_folder, "registry.keys");
        File.WriteAllText(keys, "k1 c2VjcmV0LW5vdC1hLWtleQ== extra\n");
        var result = CliRunner.Run("registry", "stats", "--store", "sqlite:" + Path.Combine(_folder, "registry.db"), "--keys", keys);
        AssertOneLine(1, "is not a key ring", result);
        Assert.DoesNotContain("c2VjcmV0", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Actas_import_fails_when_no_qr_line_is_readable()
    {
        var qr = Path.Combine(_folder, "payloads.txt");
        File.WriteAllLines(qr, ["qr-unreadable-1.jpg|", "not a payload at all", "040202001.01.1.0001!garbage"]);
        var result = CliRunner.Run("actas", "import", "--csv", SharedData.PathOf("elections", "ve-2024", "RESULTADOS_2024_CSV_V1.csv"), "--qr", qr);
        AssertOneLine(1, "nothing was checked", result);
    }

    [Theory]
    [InlineData("1e9")]
    [InlineData("4.5")]
    [InlineData("0")]
    [InlineData("NaN")]
    public void Convert_refuses_an_unusable_bit_rate_before_writing(string rate)
    {
        var target = Path.Combine(_folder, "out.wsq");
        AssertOneLine(2, "--bitrate", CliRunner.Run("fingerprint", "convert", Print, target, "--bitrate", rate));
        Assert.False(File.Exists(target));
    }

    [Fact]
    public void Convert_at_the_highest_bit_rate_writes_a_file_that_reads_back()
    {
        var target = Path.Combine(_folder, "out.wsq");
        var (exit, _, error) = CliRunner.Run("fingerprint", "convert", Print, target, "--bitrate", "4");
        Assert.True(exit == 0, error);
        Assert.Equal(0, CliRunner.Run("fingerprint", "info", target).ExitCode);
    }

    [Fact]
    public void A_print_too_large_for_the_engine_is_a_one_line_failure()
    {
        var large = Path.Combine(_folder, "large.png");
        File.WriteAllBytes(large, CliImages.OnLargePage(Print));
        AssertOneLine(1, "ImageTooLarge", CliRunner.Run("fingerprint", "compare", large, Print));
    }

    /// <summary>Exit code, one line on stderr naming the verb and the problem, and no trace of an exception.</summary>
    internal static void AssertOneLine(int exitCode, string expected, (int ExitCode, string Output, string Error) result)
    {
        var context = $"exit {result.ExitCode}, stderr: {result.Error}";
        Assert.True(result.ExitCode == exitCode, context);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length is 1 or 2, context); // a usage error adds the "Run 'huella --help'" hint
        Assert.StartsWith("huella ", lines[0], StringComparison.Ordinal);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Error, StringComparison.Ordinal);
    }
}
