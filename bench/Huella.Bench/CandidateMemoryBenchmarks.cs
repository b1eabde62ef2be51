using BenchmarkDotNet.Attributes;
using Huella.Bench.Legacy;
using Huella.Biometrics;
using Huella.Biometrics.Matching;
using Huella.Biometrics.Synthesis.Templates;

namespace Huella.Bench;

/// <summary>
/// What one gallery finger costs in memory, ready to match: the template with its cylinder set,
/// packed (now) and as it was (legacy). The setup prints the bytes retained per finger over 10,000
/// synthetic templates (GC.GetTotalMemory deltas); the benchmarks time building one candidate and
/// MemoryDiagnoser shows what that allocates.
/// <c>dotnet run -c Release --project bench/Huella.Bench -- --filter '*CandidateMemoryBenchmarks*'</c>
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 7)]
public class CandidateMemoryBenchmarks
{
    private const int Fingers = 10_000;
    private Minutia[] _minutiae = null!;

    [GlobalSetup]
    public void Setup()
    {
        var (packed, legacy, minutiae, cylinders) = Measure();
        Console.WriteLine($"// {Fingers:N0} synthetic fingers, {minutiae:F1} minutiae and {cylinders:F1} cylinders each");
        Console.WriteLine($"// bytes per finger, template with cylinder set: packed {packed:N0}, legacy {legacy:N0}");
        _minutiae = [.. SyntheticTemplates.Impression(7, 0, 0).ToTemplate().Minutiae];
    }

    [Benchmark(Baseline = true)]
    public object PrepareLegacy() => new LegacyCylinderSet(_minutiae);

    [Benchmark]
    public object PreparePacked() => new CylinderSet(_minutiae);

    // Retained bytes per finger: templates (which carry the packed set) first, then packed and legacy sets alone.
    private static (double Packed, double Legacy, double Minutiae, double Cylinders) Measure()
    {
        var raw = Enumerable.Range(0, Fingers).Select(i => SyntheticTemplates.Impression(7, i, 0)).ToArray();
        var start = GC.GetTotalMemory(true);
        var templates = raw.Select(r => r.ToTemplate()).ToArray();
        var afterTemplates = GC.GetTotalMemory(true);
        var packedSets = templates.Select(t => new CylinderSet([.. t.Minutiae])).ToArray();
        var afterPacked = GC.GetTotalMemory(true);
        var legacySets = templates.Select(LegacyMatcher.Prepare).ToArray();
        var afterLegacy = GC.GetTotalMemory(true);
        double template = (afterTemplates - start) / (double)Fingers;
        double packed = (afterPacked - afterTemplates) / (double)Fingers;
        double legacy = (afterLegacy - afterPacked) / (double)Fingers;
        var result = (template, template - packed + legacy, templates.Average(t => t.Minutiae.Count), packedSets.Average(s => s.Count));
        GC.KeepAlive(raw);
        GC.KeepAlive(legacySets);
        return result;
    }
}
