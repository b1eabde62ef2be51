using BenchmarkDotNet.Attributes;
using Huella.Biometrics.Formats.Wsq;
using Huella.Biometrics.Imaging;

namespace Huella.Bench;

/// <summary>
/// WSQ decode and encode of the 832x768 NIST SD14 sample (sourceafis/wsq-original.wsq) and of an
/// FVC2002 DB1 image (388x374), at the FBI bit rate 0.75.
/// </summary>
[MemoryDiagnoser]
public class WsqBenchmarks
{
    private byte[] _sampleWsq = [];
    private GrayImage _sample = null!;
    private byte[] _fvcWsq = [];
    private GrayImage _fvc = null!;

    [GlobalSetup]
    public void Setup()
    {
        _sampleWsq = File.ReadAllBytes(BenchData.PathOf("fingerprints", "wsq", "sourceafis", "wsq-original.wsq"));
        _sample = WsqCodec.Decode(_sampleWsq);
        _fvc = ImageDecoder.Load(BenchData.PathOf("fingerprints", "fvc2002", "db1b", "101_1.tif"));
        _fvcWsq = WsqCodec.Encode(_fvc);
    }

    [Benchmark]
    public GrayImage DecodeSample832x768() => WsqCodec.Decode(_sampleWsq);

    [Benchmark]
    public byte[] EncodeSample832x768() => WsqCodec.Encode(_sample);

    [Benchmark]
    public GrayImage DecodeFvcDb1() => WsqCodec.Decode(_fvcWsq);

    [Benchmark]
    public byte[] EncodeFvcDb1() => WsqCodec.Encode(_fvc);
}
