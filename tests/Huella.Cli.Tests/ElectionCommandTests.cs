using Huella.Testing;

namespace Huella.Cli.Tests;

public sealed class ElectionCommandTests : IDisposable
{
    private readonly TempFolder _folder = new("huella-election-cli-");

    private static string Example => Path.Combine(SharedData.RepositoryRoot, "docs", "examples", "election-definition.json");

    [Fact]
    public void A_valid_definition_prints_its_summary()
    {
        var (exitCode, output, error) = CliRunner.Run("election", "validate", Example);
        Assert.True(exitCode == 0, error);
        Assert.Contains("MUNI-2027", output, StringComparison.Ordinal);
        Assert.Contains("contest consejo-legislativo (PartyList): 8 seat(s)", output, StringComparison.Ordinal);
        Assert.Contains("2 state(s), 3 centre(s), 4 mesa(s), 2,168 registered electors", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_definition_lists_every_problem_and_fails()
    {
        var broken = Path.Combine(_folder.Path, "broken.json");
        File.WriteAllText(broken, File.ReadAllText(Example).Replace("\"dhondt\"", "\"hare\"", StringComparison.Ordinal).Replace("\"2027-11-21\"", "\"mañana\"", StringComparison.Ordinal));
        var (exitCode, _, error) = CliRunner.Run("election", "validate", broken);
        Assert.Equal(1, exitCode);
        Assert.Contains("2 problem(s)", error, StringComparison.Ordinal);
        Assert.Contains("$.contests[2].method: 'hare' is not dhondt or sainte-lague", error, StringComparison.Ordinal);
        Assert.Contains("$.date", error, StringComparison.Ordinal);
        // A file that is not there is a usage error (2), a definition with problems a failure (1).
        Assert.Equal(2, CliRunner.Run("election", "validate", Path.Combine(_folder.Path, "missing.json")).ExitCode);
    }

    public void Dispose() => _folder.Dispose();
}
