using BenchmarkDotNet.Attributes;
using Huella.Biometrics;
using Huella.Biometrics.Matching;
using Huella.Research.Synthesis.Templates;

namespace Huella.Bench;

/// <summary>
/// What one gallery finger costs in memory, ready to match: the template and its cylinder set. The
/// setup prints the bytes retained per finger over 10,000 synthetic templates (GC.GetTotalMemory
/// deltas); the benchmark times building one candidate's cylinders and MemoryDiagnoser shows what
/// that allocates.
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
        var (template, ready, minutiae, cylinders) = Measure();
        Console.WriteLine($"// {Fingers:N0} synthetic fingers, {minutiae:F1} minutiae and {cylinders:F1} cylinders each");
        Console.WriteLine($"// bytes per finger: template {template:N0}, template with its cylinder set {ready:N0}");
        _minutiae = [.. SyntheticTemplates.Impression(7, 0, 0).ToTemplate().Minutiae];
    }

    [Benchmark]
    public object PrepareCylinders() => new CylinderSet(_minutiae);

    // Retained bytes per finger: the templates alone (cylinders are built on first match), then with their cylinders built.
    private static (double Template, double Ready, double Minutiae, double Cylinders) Measure()
    {
        var raw = Enumerable.Range(0, Fingers).Select(i => SyntheticTemplates.Impression(7, i, 0)).ToArray();
        var start = GC.GetTotalMemory(true);
        var templates = raw.Select(r => r.ToTemplate()).ToArray();
        var afterTemplates = GC.GetTotalMemory(true);
        var cylinders = templates.Average(t => t.Cylinders.Count);
        var afterCylinders = GC.GetTotalMemory(true);
        double template = (afterTemplates - start) / (double)Fingers;
        double ready = (afterCylinders - start) / (double)Fingers;
        GC.KeepAlive(raw);
        GC.KeepAlive(templates);
        return (template, ready, templates.Average(t => t.Minutiae.Count), cylinders);
    }
}
