using BenchmarkDotNet.Attributes;
using Huella.Biometrics;
using Huella.Biometrics.Imaging;
using Huella.Biometrics.Matching;

namespace Huella.Bench;

/// <summary>
/// The relaxation's distance steps (candidate distances against the probe's, quantized) for every
/// row of real FVC2002 db1b pairings: the scalar path as the baseline (what the matcher did before)
/// against the vector path. One operation is every row of 8 × 8 pairings (~2,300 rows).
/// <c>dotnet run -c Release --project bench/Huella.Bench -- --filter '*DistanceStepsBenchmarks*'</c>
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class DistanceStepsBenchmarks
{
    private const int Templates = 8;
    private readonly List<(float[] X, float[] Y, float[] Probe, int From)> _rows = [];
    private int[] _steps = [];

    [GlobalSetup]
    public void Setup()
    {
        var files = Directory.GetFiles(BenchData.PathOf("fingerprints", "fvc2002", "db1b"), "*.tif").Order(StringComparer.Ordinal).Take(Templates);
        var sets = files.Select(f => new PreparedProbe(FingerprintTemplate.Create(ImageDecoder.Load(f)).Cylinders)).ToList();
        foreach (var probe in sets)
        {
            foreach (var candidate in sets.Select(p => p.Cylinders))
            {
                var n = Math.Min(probe.Cylinders.Count, candidate.Count);
                for (var t = 0; t < n; t++)
                {
                    _rows.Add((candidate.X[..n], candidate.Y[..n], probe.Distance.AsSpan(t * probe.Cylinders.Count, n).ToArray(), t));
                }
            }
        }

        _steps = new int[EngineParameters.MaxMinutiae];
    }

    [Benchmark(Baseline = true)]
    public int Scalar() => Run(vectorized: false);

    [Benchmark]
    public int Vector() => Run(vectorized: true);

    private int Run(bool vectorized)
    {
        var sum = 0;
        foreach (var (x, y, probe, from) in _rows)
        {
            DistanceSteps.Row(x, y, probe, x[from], y[from], from + 1, _steps, vectorized);
            sum += _steps[x.Length - 1];
        }

        return sum;
    }
}
