namespace Huella.Cli.Tests;

public sealed class DemoCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Directory.CreateTempSubdirectory("huella-demo-cli-").FullName, "demo");

    [Fact]
    public void The_demo_prints_totals_the_rejected_acta_and_where_everything_is()
    {
        var (exitCode, output, error) = CliRunner.Run("demo", "--out", _folder, "--mesas", "2", "--electors-per-mesa", "5", "--seed", "11");
        Assert.True(exitCode == 0, error);
        // Ten registered persons plus the applicant enrolled in election year.
        Assert.Contains("2 of 2 mesas counted, 11 electors", output, StringComparison.Ordinal);
        Assert.Contains("second cédula was caught by the 1:N search", output, StringComparison.Ordinal);
        Assert.Contains("Rejected: the signature of machine", output, StringComparison.Ordinal);
        Assert.Contains("AlreadyReceived", output, StringComparison.Ordinal);
        Assert.Contains("Central (over HTTP, signed actas with retries): 6 actas accepted; anomalies: none", output, StringComparison.Ordinal);
        Assert.Contains("over HTTP", error, StringComparison.Ordinal);
        Assert.Contains("double vote refused", output, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_folder, "results.err.json"), output, StringComparison.Ordinal);
        Assert.Empty(Huella.Testing.ErrSchema.Errors(File.ReadAllText(Path.Combine(_folder, "results.err.json"))));
        Assert.Contains("Recounting the nation", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_country_too_small_is_a_usage_error() =>
        Assert.Equal(2, CliRunner.Run("demo", "--out", _folder, "--mesas", "1").ExitCode);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(_folder)!, recursive: true);
    }
}
