using BenchmarkDotNet.Attributes;
using Huella.Biometrics;
using Huella.Research.Synthesis.Templates;

namespace Huella.Bench;

/// <summary>
/// Synthetic templates on one core: a new finger's master minutiae plus one impression (what a
/// gallery record costs; templates/s = 1 / time), the same written as engine bytes, and for
/// comparison what the engine spends preparing such a template for matching.
/// </summary>
[MemoryDiagnoser]
public class SyntheticTemplateBenchmarks
{
    private readonly byte[] _buffer = new byte[1024];
    private SyntheticTemplate _template = null!;
    private int _next;

    [GlobalSetup]
    public void Setup() => _template = SyntheticTemplates.Impression(1, 1, 1);

    [Benchmark]
    public int FingerAndImpression() => SyntheticTemplates.Impression(1, _next++, 1).Minutiae.Count;

    [Benchmark]
    public int GalleryRecordBytes() => SyntheticTemplates.Impression(1, _next++, 1).WriteBytes(_buffer);

    [Benchmark]
    public FingerprintTemplate EngineTemplateFromMinutiae() => _template.ToTemplate();
}
