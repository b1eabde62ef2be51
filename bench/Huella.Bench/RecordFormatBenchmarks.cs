using BenchmarkDotNet.Attributes;
using Huella.Biometrics.Formats.AnsiNist;
using Huella.Biometrics.Formats.Minutiae;

namespace Huella.Bench;

/// <summary>Parsing and writing the two record formats on real shared samples.</summary>
[MemoryDiagnoser]
public class RecordFormatBenchmarks
{
    private byte[] _isoTemplate = [];
    private byte[] _slaps = [];
    private MinutiaeRecord? _isoRecord;
    private AnsiNistTransaction? _slapsTransaction;

    [GlobalSetup]
    public void Setup()
    {
        _isoTemplate = File.ReadAllBytes(BenchData.PathOf("fingerprints", "iso-templates", "fvc2002-secugen", "DB1_B", "101_1.iso"));
        _slaps = File.ReadAllBytes(BenchData.PathOf("ansi-nist", "nist-ansi-character-separated-reference-files", "type-4-slaps.an2"));
        _isoRecord = MinutiaeRecord.Parse(_isoTemplate);
        _slapsTransaction = AnsiNistTransaction.Parse(_slaps);
    }

    [Benchmark]
    public MinutiaeRecord ParseIsoTemplate() => MinutiaeRecord.Parse(_isoTemplate);

    [Benchmark]
    public byte[] WriteIsoTemplate() => _isoRecord!.ToBytes();

    [Benchmark]
    public AnsiNistTransaction ParseType4Slaps() => AnsiNistTransaction.Parse(_slaps);

    [Benchmark]
    public byte[] WriteType4Slaps() => _slapsTransaction!.ToBytes();
}
