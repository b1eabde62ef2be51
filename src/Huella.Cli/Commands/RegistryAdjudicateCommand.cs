using System.CommandLine;
using System.Globalization;
using Huella.Identity;
using Huella.Identity.Storage;

namespace Huella.Cli.Commands;

/// <summary><c>huella registry adjudicate list|approve|reject|merge</c>: the possible-duplicate queue.</summary>
internal static class RegistryAdjudicateCommand
{
    public static Command Build()
    {
        var command = new Command("adjudicate", "List and decide possible duplicates.");
        var list = new Command("list", "Open cases, oldest first.");
        list.SetAction(async (parse, cancellationToken) =>
        {
            await using var registry = await RegistryCommand.OpenAsync(parse, cancellationToken).ConfigureAwait(false);
            if (registry is null)
            {
                return 2;
            }

            var output = parse.InvocationConfiguration.Output;
            var cases = await registry.Store.OpenCasesAsync(cancellationToken).ConfigureAwait(false);
            output.WriteLine($"{cases.Count} open case(s)");
            foreach (var open in cases)
            {
                var pending = await RegistryCommand.LabelAsync(registry, open.PendingPerson, cancellationToken).ConfigureAwait(false);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"case {open.Id}  opened {open.OpenedAt:yyyy-MM-dd HH:mm}  pending {pending}"));
                foreach (var candidate in open.Candidates)
                {
                    var label = await RegistryCommand.LabelAsync(registry, candidate.PersonId, cancellationToken).ConfigureAwait(false);
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    similar to {label}  score {candidate.Score:F4}  FMR {candidate.Fmr:0.##E+0}"));
                }
            }

            return 0;
        });
        command.Subcommands.Add(list);
        command.Subcommands.Add(Decide("approve", "Not a duplicate: activate the pending record.", AdjudicationDecision.Approve));
        command.Subcommands.Add(Decide("reject", "Fraudulent or mistaken: remove the pending record.", AdjudicationDecision.Reject));
        command.Subcommands.Add(Decide("merge", "Same person: add the pending record's new fingers to --into and remove it.", AdjudicationDecision.Merge));
        return command;
    }

    private static Command Decide(string name, string description, AdjudicationDecision decision)
    {
        var caseId = new Argument<Guid>("CASE") { Description = "Case id, as listed." };
        var into = new Option<string?>("--into") { Description = "For merge: reference of the record to keep (one of the case's candidates)." };
        var command = new Command(name, description) { caseId };
        if (decision == AdjudicationDecision.Merge)
        {
            command.Options.Add(into);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            PersonId? target = null;
            if (decision == AdjudicationDecision.Merge)
            {
                if (!PersonId.TryParse(parse.GetValue(into), out var parsed))
                {
                    error.WriteLine("huella registry adjudicate merge: --into names the record to keep.");
                    return 2;
                }

                target = parsed;
            }

            await using var registry = await RegistryCommand.OpenAsync(parse, cancellationToken).ConfigureAwait(false);
            if (registry is null)
            {
                return 2;
            }

            try
            {
                var resolved = await registry.AdjudicateAsync(parse.GetValue(caseId), decision, target, parse.GetValue(RegistryCommand.Actor)!, cancellationToken).ConfigureAwait(false);
                parse.InvocationConfiguration.Output.WriteLine($"case {resolved.Id}: {decision.ToString().ToLowerInvariant()}d");
                return 0;
            }
            catch (Exception e) when (e is RegistryConflictException or RegistryNotFoundException)
            {
                error.WriteLine($"huella registry adjudicate {name}: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
