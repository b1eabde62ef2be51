using Huella.Fuzz;
using Huella.Testing;
using Xunit.Abstractions;

namespace Huella.Fuzz.Tests;

/// <summary>
/// A short, fixed-seed pass of the fuzzing campaign over every parser (the same inputs on every run),
/// so a regression that makes a parser crash, break its contract or balloon its memory on the
/// mutants already seen fails the build. The long campaign is `huella-fuzz` (docs/threat-model.md).
/// </summary>
public sealed class ParserFuzzTests(ITestOutputHelper output)
{
    private static readonly Lazy<IReadOnlyList<FuzzTarget>> AllTargets = new(() => Targets.All(SharedData.PathOf(), SharedData.RepositoryRoot));

    public static TheoryData<string> Names() => [.. Targets.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void A_fixed_seed_campaign_finds_nothing(string name)
    {
        var target = AllTargets.Value.Single(t => t.Name == name);
        var executions = Math.Max(40, 3000 / target.Weight);
        var result = Campaign.Run(target, seed: 20261207, executions, TimeSpan.MaxValue, Options.DefaultMemoryCapMb << 20, TimeProvider.System);

        output.WriteLine($"{name}: {result.Executions} executions, {result.Refused} refused, max {result.MaxAllocatedBytes >> 20} MB allocated");
        Assert.Equal(executions, result.Executions);
        Assert.True(result.Refused > 0 || target.Refusals.Length == 0, "the mutants should reach the parser's refusals");
        Assert.Empty(result.Findings.Select(f => $"{f.Kind}: {f.Detail}"));
    }

    [Fact]
    public void The_campaign_catches_a_parser_that_crashes_or_allocates_without_bound()
    {
        var crashing = new FuzzTarget("crash", [[1, 2, 3]], input => _ = input[3] == 0 ? 1 : throw new FormatException("bad"), typeof(FormatException));
        var crash = Campaign.Run(crashing, 1, 500, TimeSpan.MaxValue, Options.DefaultMemoryCapMb << 20, TimeProvider.System);
        Assert.Contains(crash.Findings, f => f.Kind.StartsWith(nameof(IndexOutOfRangeException), StringComparison.Ordinal));

        var bomb = new FuzzTarget("bomb", [[1]], input => GC.KeepAlive(new byte[input.Length << 20]));
        var ballooned = Campaign.Run(bomb, 1, 200, TimeSpan.MaxValue, 8 << 20, TimeProvider.System);
        Assert.Contains(ballooned.Findings, f => f.Kind == "over-allocation");
    }
}
