using System.Diagnostics;

namespace Huella.Fuzz;

/// <summary>What one target's campaign found: a finding is a distinct (exception type, throwing method) or an over-allocation.</summary>
internal sealed record CampaignResult(string Target, long Executions, long Refused, IReadOnlyList<Finding> Findings, long MaxAllocatedBytes, TimeSpan Slowest, TimeSpan Elapsed);

internal sealed record Finding(string Kind, string Detail, byte[] Input);

/// <summary>
/// Runs a target on mutated seeds, one input at a time on this thread. Seeds themselves run first,
/// unmutated: a seed that is refused is reported too, since it means the corpus or the parser is wrong.
/// </summary>
internal static class Campaign
{
    public static CampaignResult Run(FuzzTarget target, int seed, long maxExecutions, TimeSpan budget, long memoryCapBytes, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(target);
        var mutator = new Mutator(new Random(seed));
        var findings = new Dictionary<string, Finding>(StringComparer.Ordinal);
        var started = time.GetTimestamp();
        long executions = 0, refused = 0, maxAllocated = 0;
        var slowest = TimeSpan.Zero;
        var picker = new Random(seed ^ 0x5EED);
        while (executions < maxExecutions && time.GetElapsedTime(started) < budget)
        {
            var isSeed = executions < target.Seeds.Count;
            var input = isSeed
                ? target.Seeds[(int)executions]
                : mutator.Mutate(target.Seeds[picker.Next(target.Seeds.Count)], target.Seeds);
            var before = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.GetTimestamp();
            try
            {
                target.Run(input);
            }
            catch (Exception e) when (target.IsRefusal(e))
            {
                refused++;
                if (isSeed)
                {
                    Record(findings, "seed-refused", $"{e.GetType().Name}: {e.Message}", input);
                }
            }
#pragma warning disable CA1031 // Every other exception is exactly what the campaign is looking for.
            catch (Exception e)
#pragma warning restore CA1031
            {
                var where = new StackTrace(e).GetFrames().FirstOrDefault(f => f.GetMethod()?.DeclaringType?.Namespace?.StartsWith("Huella", StringComparison.Ordinal) == true)?.GetMethod();
                Record(findings, $"{e.GetType().Name} at {where?.DeclaringType?.Name}.{where?.Name}", e.Message, input);
            }

            var elapsed = Stopwatch.GetElapsedTime(clock);
            slowest = elapsed > slowest ? elapsed : slowest;
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            maxAllocated = Math.Max(maxAllocated, allocated);
            if (allocated > memoryCapBytes)
            {
                Record(findings, "over-allocation", $"{allocated / (1 << 20)} MB for a {input.Length}-byte input", input);
            }

            executions++;
        }

        return new CampaignResult(target.Name, executions, refused, [.. findings.Values], maxAllocated, slowest, time.GetElapsedTime(started));
    }

    private static void Record(Dictionary<string, Finding> findings, string kind, string detail, byte[] input) =>
        findings.TryAdd(kind, new Finding(kind, detail, input));
}
