namespace Huella.Fuzz;

/// <summary>
/// One parser under fuzzing: valid seed inputs, the call, and the exceptions that are its documented
/// way of saying "bad input". Anything else escaping the call is a finding, and so is an input that
/// makes it allocate more than the campaign's memory cap.
/// </summary>
internal sealed record FuzzTarget(string Name, IReadOnlyList<byte[]> Seeds, Action<byte[]> Run, params Type[] Refusals)
{
    /// <summary>Relative cost: targets that decode whole images get fewer executions in a fixed budget.</summary>
    public int Weight { get; init; } = 1;

    public bool IsRefusal(Exception e) => Refusals.Any(t => t.IsInstanceOfType(e));
}
