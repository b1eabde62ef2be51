using BenchmarkDotNet.Attributes;
using Huella.Biometrics;
using Huella.Biometrics.Imaging;

namespace Huella.Bench;

/// <summary>
/// 1:N comparisons on one core over a whole FVC2002 set B (80 × 80 with a matcher prepared per
/// probe), on every set, since the rate depends on how many minutiae prints carry. One operation is
/// one comparison. <see cref="AllPairsMinutiaeOnly"/> does the same on the templates without their
/// ridge flow (as ISO/ANSI templates are matched), which shows what comparing the flow costs.
/// <c>dotnet run -c Release --project bench/Huella.Bench -- --filter '*MatcherBenchmarks*'</c>
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 7)]
public class MatcherBenchmarks
{
    private const int Count = 80;
    private FingerprintTemplate[] _templates = null!;
    private FingerprintTemplate[] _minutiaeOnly = null!;

    [Params("db1b", "db2b", "db3b", "db4b")]
    public string Set { get; set; } = "db1b";

    [GlobalSetup]
    public void Setup()
    {
        var files = Directory.GetFiles(BenchData.PathOf("fingerprints", "fvc2002", Set), "*.tif").Order(StringComparer.Ordinal).ToArray();

        // DB2's files carry no usable resolution; the eval tool is told --dpi 569 for it as well.
        _templates = [.. files.Select(f => ImageDecoder.Load(f)).Select(i => Set == "db2b" ? i.WithDpi(569) : i).Select(FingerprintTemplate.Create)];
        if (_templates.Length != Count)
        {
            throw new InvalidOperationException($"{Set} has {_templates.Length} images, expected {Count}.");
        }

        _minutiaeOnly = [.. _templates.Select(t => t.WithoutRidgeFlow())];
    }

    [Benchmark(OperationsPerInvoke = Count * Count, Baseline = true)]
    public double AllPairs() => Run(_templates);

    [Benchmark(OperationsPerInvoke = Count * Count)]
    public double AllPairsMinutiaeOnly() => Run(_minutiaeOnly);

    private static double Run(FingerprintTemplate[] templates)
    {
        var sum = 0.0;
        for (var p = 0; p < Count; p++)
        {
            var matcher = new FingerprintMatcher(templates[p]);
            for (var c = 0; c < Count; c++)
            {
                sum += matcher.Match(templates[c]);
            }
        }

        return sum;
    }
}
