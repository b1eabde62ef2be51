using Huella.Testing;

namespace Huella.Cli.Tests.Scan;

public sealed class ActasScanBenchCommandTests
{
    [Fact]
    public void Bench_scan_reports_read_rates_per_class_and_runs_without_zbarimg()
    {
        var (exit, output, error) = CliRunner.Run("bench", "scan", "--count", "2", "--seed", "1", "--class", "Clean", "--class", "Jpeg", "--zbarimg", "/nonexistent/zbarimg",
            "--payloads", SharedData.PathOf("elections", "ve-2024", "acta-qr-payloads.txt"));

        Assert.True(exit == 0, error);
        Assert.Contains("(zbarimg not found)", output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^Clean\s+1\s+100\.0%", output);
        Assert.Matches(@"(?m)^Jpeg\s+1\s+100\.0%", output);
        Assert.Matches(@"(?m)^all\s+2\s+100\.0%\s+0\s", output);
    }
}
