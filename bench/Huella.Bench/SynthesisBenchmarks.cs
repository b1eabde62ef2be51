using BenchmarkDotNet.Attributes;
using Huella.Biometrics.Imaging;
using Huella.Research.Synthesis;

namespace Huella.Bench;

/// <summary>
/// Cost of synthetic fingerprints at 500 dpi on one core: growing a master print, rendering one
/// impression of it, and a whole finger of 8 impressions (the amortised figure).
/// </summary>
[MemoryDiagnoser]
public class SynthesisBenchmarks
{
    private SyntheticFinger _grown = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _grown = SyntheticFingerprints.CreateFinger(1, 1);
        _ = _grown.GrowthIterations;
    }

    /// <summary>Class, orientation, ridge period and Gabor ridge growth of a new finger.</summary>
    [Benchmark]
    public int MasterPrint() => SyntheticFingerprints.CreateFinger(1, 1 + (_next++ % 16)).GrowthIterations;

    [Benchmark]
    public GrayImage Impression() => _grown.Impression(1 + (_next++ % 8));

    [Benchmark]
    public int FingerWithEightImpressions()
    {
        var finger = SyntheticFingerprints.CreateFinger(2, 1 + (_next++ % 16));
        var pixels = 0;
        for (var i = 1; i <= 8; i++)
        {
            pixels += finger.Impression(i).Width;
        }

        return pixels;
    }
}
