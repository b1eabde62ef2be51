using System.CommandLine;
using System.Globalization;
using Huella.Identity.Storage;

namespace Huella.Cli.Commands;

/// <summary>
/// <c>huella registry stats</c>: counts, index load time, whether the audit chain is intact and still
/// reaches its signed checkpoint, and which stored fingers no longer open. Exit 1 when any of these fails.
/// </summary>
internal static class RegistryStatsCommand
{
    public static Command Build()
    {
        var command = new Command("stats", "Counts by status, gallery size, index load time, audit chain check.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var registry = await RegistryCommand.OpenAsync(parse, cancellationToken).ConfigureAwait(false);
            if (registry is null)
            {
                return 2;
            }

            var output = parse.InvocationConfiguration.Output;
            var counts = await registry.Store.CountAsync(cancellationToken).ConfigureAwait(false);
            var audit = await registry.Store.ReadAuditAsync(cancellationToken).ConfigureAwait(false);
            var broken = AuditEntry.FirstBrokenLink(audit);
            output.WriteLine($"persons: {counts.Active} active, {counts.PendingAdjudication} pending adjudication, {counts.Deceased} deceased, {counts.Removed} removed");
            output.WriteLine($"gallery: {registry.Index.PersonCount} persons, {registry.Index.FingerCount} fingers (store: {counts.InGallery} persons, {counts.GalleryFingers} fingers); loaded in {registry.LoadTime.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture)} ms");
            output.WriteLine($"adjudication: {counts.OpenCases} open case(s)");
            output.WriteLine(broken < 0
                ? $"audit: {audit.Count} entries, chain intact, head {(audit.Count == 0 ? "-" : Convert.ToHexStringLower(audit[^1].Hash))}"
                : $"audit: {audit.Count} entries, chain BROKEN at entry {audit[broken].Sequence}");
            var anchor = await registry.Store.CheckAuditAnchorAsync(cancellationToken).ConfigureAwait(false);
            output.WriteLine($"anchor: {anchor.Describe()}");
            foreach (var bad in registry.UnreadableFingers)
            {
                output.WriteLine($"unreadable: {bad}");
            }

            return broken < 0 && anchor.IsIntact && registry.UnreadableFingers.Count == 0 ? 0 : 1;
        });
        return command;
    }
}
