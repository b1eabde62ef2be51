using System.CommandLine;

namespace Huella.Cli.Commands;

/// <summary><c>huella bench …</c>: measurements at scale that BenchmarkDotNet cannot reasonably repeat.</summary>
internal static class BenchCommand
{
    public static Command Build()
    {
        var command = new Command("bench", "Measure the system at scale (figures for the documentation).");
        command.Subcommands.Add(BenchRegistryCommand.Build());
        command.Subcommands.Add(ActasScanBenchCommand.Build());
        command.Subcommands.Add(ActasAuditBench.Build());
        command.Subcommands.Add(BenchPortalCommand.Build());
        return command;
    }
}
