using Huella.Elections.Actas;
using Huella.Elections.Ve2024;

namespace Huella.Research.ScanPhotos;

/// <summary>
/// Test photos of paper actas, deterministic by seed: the 20 real CNE 2024 QR payloads, each as its
/// thermal strip and as Huella's printed acta of the same counts, photographed under one
/// <see cref="ScanDistortion"/> per photo (classes in turn, documents alternating).
/// </summary>
public sealed class ScanPhotoSet
{
    private readonly List<(string Text, CneQrPayload Payload)> _payloads;
    private readonly int _seed;

    public ScanPhotoSet(IEnumerable<string> payloadLines, int seed)
    {
        ArgumentNullException.ThrowIfNull(payloadLines);
        _seed = seed;
        _payloads = [];
        foreach (var line in payloadLines)
        {
            if (CneQrPayload.TryParse(line, out var payload, out _))
            {
                _payloads.Add((line.Trim(), payload!));
            }
        }

        if (_payloads.Count == 0)
        {
            throw new ArgumentException("No CNE 2024 QR payload among the lines.", nameof(payloadLines));
        }

        Keys = HuellaPages.Keys(_payloads.Select(p => p.Payload), seed);
    }

    /// <summary>The keys the Huella actas in the photos are signed with, as an election would publish them.</summary>
    public PublishedKeys Keys { get; }

    public IReadOnlyList<CneQrPayload> Payloads => [.. _payloads.Select(p => p.Payload)];

    public static ScanPhotoSet Load(string payloadsFile, int seed) => new(File.ReadAllLines(payloadsFile), seed);

    /// <summary>Photo <paramref name="index"/> of the set: the same index and seed always give the same bytes.</summary>
    public ScanPhoto Photo(int index, IReadOnlyList<ScanDistortion>? classes = null)
    {
        classes ??= Enum.GetValues<ScanDistortion>();
        var distortion = classes[index % classes.Count];
        var document = (index / classes.Count) % 2 == 0 ? ScanDocument.CneStrip : ScanDocument.HuellaPage;
        var random = new Random(SeedOf(_seed, index));
        var (text, payload) = _payloads[random.Next(_payloads.Count)];
        var parameters = PhotoParameters.For(distortion, random);
        var printed = document == ScanDocument.CneStrip
            ? ThermalStrip.Print(text, payload, random, parameters.WornPrint)
            : HuellaPages.Print(HuellaPages.Sign(payload, _seed), Keys);
        var (file, extension) = PhotoCamera.Photograph(printed, parameters, random);
        var name = $"{index:D4}-{distortion.ToString().ToLowerInvariant()}-{(document == ScanDocument.CneStrip ? "cne" : "huella")}-{printed.Mesa}.{extension}";
        return new ScanPhoto(name, distortion, document, file, extension, printed.ExpectedBytes, printed.ExpectedText, printed.Mesa) { Conditions = parameters.ToString() };
    }

    /// <summary>
    /// One well-mixed seed per photo (SplitMix64's finaliser): <see cref="Random"/> seeded with
    /// neighbouring integers starts with correlated draws, which would tie each photo's conditions to its index.
    /// </summary>
    private static int SeedOf(int seed, int index)
    {
        unchecked
        {
            var z = ((ulong)(uint)seed << 32) + (ulong)(uint)index + 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return (int)((z ^ (z >> 31)) & 0x7FFFFFFF);
        }
    }

    public IEnumerable<ScanPhoto> Photos(int count, IReadOnlyList<ScanDistortion>? classes = null) =>
        Enumerable.Range(0, count).Select(i => Photo(i, classes));
}
