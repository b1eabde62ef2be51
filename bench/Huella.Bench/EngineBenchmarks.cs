using BenchmarkDotNet.Attributes;
using Huella.Biometrics;
using Huella.Biometrics.Imaging;

namespace Huella.Bench;

/// <summary>
/// The fingerprint engine on FVC2002 DB1 set B: extraction of one image, one 1:1 comparison with a
/// prepared matcher, and a 1:N pass over the 80 templates of the set on one core.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private GrayImage _image = null!;
    private FingerprintTemplate[] _templates = null!;
    private FingerprintMatcher _matcher = null!;

    [GlobalSetup]
    public void Setup()
    {
        var folder = BenchData.PathOf("fingerprints", "fvc2002", "db1b");
        var files = Directory.GetFiles(folder, "*.tif").Order(StringComparer.Ordinal).ToArray();
        _image = ImageDecoder.Load(files[0]);
        _templates = [.. files.Select(f => FingerprintTemplate.Create(ImageDecoder.Load(f)))];
        _matcher = new FingerprintMatcher(_templates[0]);
    }

    [Benchmark]
    public FingerprintTemplate Extract() => FingerprintTemplate.Create(_image);

    [Benchmark]
    public double CompareGenuine() => _matcher.Match(_templates[1]);

    [Benchmark]
    public double CompareImpostor() => _matcher.Match(_templates[8]);

    [Benchmark(OperationsPerInvoke = 80)]
    public double SearchOneCore()
    {
        var best = 0.0;
        foreach (var candidate in _templates)
        {
            best = Math.Max(best, _matcher.Match(candidate));
        }

        return best;
    }
}
