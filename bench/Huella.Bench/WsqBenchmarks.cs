using System.Buffers.Binary;
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
        var data = FindSharedData();
        _sampleWsq = File.ReadAllBytes(Path.Combine(data, "fingerprints", "wsq", "sourceafis", "wsq-original.wsq"));
        _sample = WsqCodec.Decode(_sampleWsq);
        _fvc = ReadFvcTiff(Path.Combine(data, "fingerprints", "fvc2002", "db1b", "101_1.tif"));
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

    private static string FindSharedData()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("HUELLA_SHARED_DATA");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Huella.slnx")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
            }
        }

        throw new DirectoryNotFoundException("No Huella.slnx above the benchmark; set HUELLA_SHARED_DATA.");
    }

    /// <summary>FVC2002 images are 8-bit gray, uncompressed, little-endian TIFF in strips.</summary>
    private static GrayImage ReadFvcTiff(string path)
    {
        var file = File.ReadAllBytes(path);
        var directory = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(4));
        int width = 0, height = 0, firstStrip = 0;
        int entries = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(directory));
        for (var i = 0; i < entries; i++)
        {
            var e = file.AsSpan(directory + 2 + (i * 12));
            var tag = BinaryPrimitives.ReadUInt16LittleEndian(e);
            var type = BinaryPrimitives.ReadUInt16LittleEndian(e[2..]);
            var count = BinaryPrimitives.ReadInt32LittleEndian(e[4..]);
            var value = type == 3 ? BinaryPrimitives.ReadUInt16LittleEndian(e[8..]) : BinaryPrimitives.ReadInt32LittleEndian(e[8..]);
            switch (tag)
            {
                case 256: width = value; break;
                case 257: height = value; break;
                case 273: firstStrip = count == 1 ? value : BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(value)); break;
            }
        }

        // The FVC files store their strips contiguously, so the pixels start at the first strip.
        return new GrayImage(width, height, file.AsSpan(firstStrip, width * height).ToArray());
    }
}
