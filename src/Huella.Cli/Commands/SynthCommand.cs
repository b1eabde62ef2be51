using System.CommandLine;

namespace Huella.Cli.Commands;

/// <summary><c>huella synth …</c>: synthetic biometric data with ground truth.</summary>
internal static class SynthCommand
{
    public static Command Build()
    {
        var command = new Command("synth", "Make synthetic biometric data (with ground truth) for tests, demos and benchmarks.");
        command.Subcommands.Add(SynthFingerprintsCommand.Build());
        command.Subcommands.Add(SynthContactSheetCommand.Build());
        command.Subcommands.Add(SynthTemplatesCommand.Build());
        command.Subcommands.Add(SynthTemplateStatsCommand.Build());
        command.Subcommands.Add(SynthCompareScoresCommand.Build());
        return command;
    }

    /// <summary>An option that must be at least <paramref name="minimum"/>.</summary>
    internal static Option<int> CountOption(string name, string description, int defaultValue, int minimum = 1)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < minimum)
            {
                result.AddError($"{name} must be at least {minimum}.");
            }
        });
        return option;
    }
}
