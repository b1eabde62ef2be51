using BenchmarkDotNet.Attributes;
using Huella.Biometrics.Imaging;

namespace Huella.Bench;

/// <summary>Baseline: the cost of allocating and filling an FVC-sized image buffer.</summary>
[MemoryDiagnoser]
public class ImageBenchmarks
{
    [Benchmark]
    public GrayImage FillFvcDb1Image() => GrayImage.Filled(388, 374, 255);
}
