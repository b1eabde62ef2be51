using BenchmarkDotNet.Attributes;
using Huella.Biometrics.Imaging;

namespace Huella.Bench;

/// <summary>Decoding the containers fingerprints arrive in (WSQ has its own benchmarks).</summary>
[MemoryDiagnoser]
public class ImageBenchmarks
{
    private byte[] _tiff = [];
    private byte[] _png = [];
    private byte[] _pngWritten = [];

    [GlobalSetup]
    public void Setup()
    {
        _tiff = File.ReadAllBytes(BenchData.PathOf("fingerprints", "fvc2002", "db1b", "101_1.tif"));
        _png = File.ReadAllBytes(BenchData.PathOf("fingerprints", "sourceafis-samples", "probe.png"));
        _pngWritten = ImageEncoder.EncodePng(ImageDecoder.Decode(_tiff));
    }

    /// <summary>FVC2002 DB1, 388×374 uncompressed TIFF.</summary>
    [Benchmark]
    public GrayImage DecodeTiff() => ImageDecoder.Decode(_tiff);

    /// <summary>SourceAFIS probe, 388×374 RGBA PNG.</summary>
    [Benchmark]
    public GrayImage DecodeColourPng() => ImageDecoder.Decode(_png);

    /// <summary>The same FVC image as an 8-bit gray PNG written by Huella.</summary>
    [Benchmark]
    public GrayImage DecodeGrayPng() => ImageDecoder.Decode(_pngWritten);

    [Benchmark]
    public byte[] EncodePng() => ImageEncoder.EncodePng(ImageDecoder.Decode(_tiff));
}
