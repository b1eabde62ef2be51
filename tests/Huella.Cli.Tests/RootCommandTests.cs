namespace Huella.Cli.Tests;

public sealed class RootCommandTests
{
    [Fact]
    public void Help_lists_the_demo_command()
    {
        var (exitCode, output, _) = CliRunner.Run("--help");
        Assert.Equal(0, exitCode);
        Assert.Contains("demo", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_carries_the_assembly_version_and_a_commit()
    {
        var (exitCode, output, _) = CliRunner.Run("--version");
        Assert.Equal(0, exitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+\+\S+", output.Trim());
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("demo", "--no-such-option")]
    [InlineData("--no-such-option")]
    public void Unknown_commands_and_options_exit_2_with_a_message(params string[] args)
    {
        var (exitCode, output, error) = CliRunner.Run(args);
        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Contains("huella --help", error, StringComparison.Ordinal);
    }
}
