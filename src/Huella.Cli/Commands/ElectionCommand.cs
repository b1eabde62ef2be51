using System.CommandLine;
using System.Globalization;
using Huella.Elections.Definition;

namespace Huella.Cli.Commands;

/// <summary><c>huella election validate FILE</c>: checks an election definition and lists every problem.</summary>
internal static class ElectionCommand
{
    public static Command Build()
    {
        var file = new Argument<FileInfo>("definition") { Description = "An election definition (JSON, docs/election-definition.md)." }.MustExistAsFile();
        var validate = new Command("validate", "Check an election definition; print every problem with its JSON path, or a summary.") { file };
        validate.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var path = parse.GetValue(file)!.FullName;
            var json = File.ReadAllText(path);
            if (!ElectionDefinition.TryParse(json, out var definition, out var problems))
            {
                error.WriteLine($"{path}: {problems.Count} problem(s)");
                foreach (var problem in problems)
                {
                    error.WriteLine($"  {problem}");
                }

                return 1;
            }

            output.WriteLine($"{definition!.Id} — {definition.Name}, {definition.Date:yyyy-MM-dd}: valid");
            foreach (var contest in definition.Contests)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  contest {contest.Id} ({contest.Kind}): {contest.Seats} seat(s), {contest.Candidates.Length} candidate(s), {contest.Cards.Length} card(s)"));
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {definition.StateNames.Count} state(s), {definition.Mesas.Select(m => m.Mesa.Centre).Distinct().Count()} centre(s), {definition.Mesas.Length} mesa(s), {definition.RegisteredElectors:N0} registered electors"));
            return 0;
        });
        return new Command("election", "Work with election definitions.") { validate };
    }
}
