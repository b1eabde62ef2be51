using Huella.Cli;

namespace Huella.Cli.Tests;

/// <summary>Runs <c>huella</c> in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = HuellaCommand.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
