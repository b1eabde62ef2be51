using System.CommandLine;
using System.Globalization;

namespace Huella.Cli.Commands;

/// <summary><c>huella registry identify IMAGE…</c>: 1:N, the best candidates first.</summary>
internal static class RegistryIdentifyCommand
{
    public static Command Build()
    {
        var images = new Argument<string[]>("IMAGE") { Description = "Finger images (IMAGE or POSITION=IMAGE).", Arity = ArgumentArity.OneOrMore };
        var top = new Option<int>("--top") { Description = "Candidates to list.", DefaultValueFactory = _ => 5 };
        var fmr = new Option<double>("--fmr") { Description = "False match rate that marks a candidate as a match.", DefaultValueFactory = _ => 1e-4 };
        var dpi = CliInputs.Dpi("Resolution of the images, overriding what the files say.");
        var command = new Command("identify", "Search the whole gallery for the owner of these fingers.") { images, top, fmr, dpi };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var captures = RegistryCommand.ReadFingers(parse.GetValue(images)!, positionRequired: false, parse.GetValue(dpi), parse.InvocationConfiguration.Error);
            if (captures is null)
            {
                return 1;
            }

            await using var registry = await RegistryCommand.OpenAsync(parse, cancellationToken).ConfigureAwait(false);
            if (registry is null)
            {
                return 2;
            }

            var result = await registry.IdentifyAsync(captures, parse.GetValue(RegistryCommand.Actor)!, Math.Max(1, parse.GetValue(top)), fmr: parse.GetValue(fmr), cancellationToken: cancellationToken).ConfigureAwait(false);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.Candidates.Count} candidate(s); threshold {result.Threshold:F4} for FMR {result.Fmr:0.##E+0}"));
            var rank = 0;
            foreach (var candidate in result.Candidates)
            {
                var label = await RegistryCommand.LabelAsync(registry, candidate.PersonId, cancellationToken).ConfigureAwait(false);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{++rank,3}. {label}  score {candidate.Score:F4}  FMR {candidate.ScoreFmr:0.##E+0}{(candidate.AboveThreshold ? "  MATCH" : "")}"));
            }

            return 0;
        });
        return command;
    }
}
