using System.CommandLine;

namespace Huella.Cli.Commands;

/// <summary><c>huella fingerprint …</c>: the fingerprint engine from the command line.</summary>
internal static class FingerprintCommand
{
    public static Command Build()
    {
        var command = new Command("fingerprint", "Extract, compare and evaluate fingerprints.");
        command.Subcommands.Add(FingerprintEvalCommand.Build());
        command.Subcommands.Add(FingerprintCompareCommand.Build());
        command.Subcommands.Add(FingerprintCalibrateCommand.Build());
        command.Subcommands.Add(FingerprintInfoCommand.Build());
        command.Subcommands.Add(FingerprintConvertCommand.Build());
        return command;
    }
}
