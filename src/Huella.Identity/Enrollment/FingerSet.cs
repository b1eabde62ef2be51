namespace Huella.Identity.Enrollment;

/// <summary>
/// The one rule for the fingers of one person, wherever they arrive (REST, ABIS, import, storage):
/// one to ten of them, each at a valid position, each position once.
/// </summary>
public static class FingerSet
{
    public const int MaxFingers = 10;

    /// <summary>The problem with a set of this many fingers, or null when the count is allowed.</summary>
    public static CaptureProblem? CountProblem(int count) =>
        count is >= 1 and <= MaxFingers ? null : new CaptureProblem(null, CaptureProblemCode.Fingers, "send one to ten fingers");

    /// <summary>Every problem with these positions (none when they form a valid set).</summary>
    public static List<CaptureProblem> Problems(IReadOnlyCollection<FingerPosition?> positions)
    {
        ArgumentNullException.ThrowIfNull(positions);
        if (CountProblem(positions.Count) is { } count)
        {
            return [count];
        }

        var problems = new List<CaptureProblem>();
        foreach (var group in positions.GroupBy(p => p))
        {
            if (group.Key is not { } position || !FingerPositions.IsValid(position))
            {
                problems.Add(new CaptureProblem(group.Key, CaptureProblemCode.Position, "every enrolled finger needs its position, 1 (right thumb) to 10 (left little)"));
            }
            else if (group.Count() > 1)
            {
                problems.Add(new CaptureProblem(position, CaptureProblemCode.Position, $"{CaptureExtractor.Name(position)} was captured more than once; send each finger once"));
            }
        }

        return problems;
    }
}
