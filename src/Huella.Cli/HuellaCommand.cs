using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;
using Huella.Cli.Commands;

namespace Huella.Cli;

/// <summary>The <c>huella</c> command: one root, one subcommand per job.</summary>
public static class HuellaCommand
{
    /// <summary>Exit code for a command line that could not be understood.</summary>
    public const int UsageError = 2;

    public static RootCommand Build()
    {
        var root = new RootCommand("Huella: open biometric identity and verifiable elections.");
        foreach (var option in root.Options)
        {
            if (option is VersionOption version)
            {
                // The default prints the entry assembly's version, which is not ours when hosted (tests, tools).
                version.Action = new PrintVersion();
            }
        }

        root.Subcommands.Add(DemoCommand.Build());
        root.Subcommands.Add(ElectionCommand.Build());
        root.Subcommands.Add(StationCommand.Build());
        root.Subcommands.Add(ActasCommand.Build());
        root.Subcommands.Add(new Command("acta", "Work with one signed acta.") { ActaVerifyCommand.Build(), ActaPrintCommand.Build() });
        root.Subcommands.Add(SynthCommand.Build());
        root.Subcommands.Add(FingerprintCommand.Build());
        root.Subcommands.Add(RegistryCommand.Build());
        root.Subcommands.Add(BenchCommand.Build());
        root.Subcommands.Add(ServeCommand.Build());
        return root;
    }

    /// <summary>
    /// Parses and runs <paramref name="args"/>; bad arguments print a message and give exit code 2,
    /// a command that fails prints one line and gives exit code 1.
    /// </summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        var root = Build();
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                error.WriteLine($"{CommandFailure.Verb(parsed.CommandResult.Command)}: {parseError.Message}");
            }

            error.WriteLine("Run 'huella --help' for usage.");
            return UsageError;
        }

        try
        {
            // Failures are reported by CommandFailure (one line, no stack trace), not by the library's default handler.
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
#pragma warning disable CA1031 // the command line's last resort: every failure becomes one line and exit code 1
        catch (Exception e)
#pragma warning restore CA1031
        {
            return CommandFailure.Report(parsed, e, error);
        }
    }

    /// <summary>Informational version with the git commit, as stamped at build time.</summary>
    public static string Version =>
        typeof(HuellaCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? "unknown";
}

internal sealed class PrintVersion : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine(HuellaCommand.Version);
        return 0;
    }
}
