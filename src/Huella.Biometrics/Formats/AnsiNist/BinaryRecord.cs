using System.Buffers.Binary;

namespace Huella.Biometrics.Formats.AnsiNist;

/// <summary>
/// A binary record (Types 3–8), kept byte for byte: 4-byte big-endian LEN, 1-byte IDC, then a
/// type-specific header. Types 3–6 share one image header, read by <see cref="FixedImageHeader"/>.
/// </summary>
internal sealed class BinaryRecord : AnsiNistRecord
{
    /// <summary>LEN, IDC, IMP, FGP (6), ISR, HLL (2), VLL (2), GCA/BCA.</summary>
    public const int ImageHeaderLength = 18;

    private readonly byte[] _bytes;

    /// <param name="bytes">The whole record, LEN included (the writer sets LEN to the actual size).</param>
    public BinaryRecord(int type, ReadOnlySpan<byte> bytes)
        : base(type)
    {
        if (!IsBinaryType(type))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Binary records are Types 3–8.");
        }

        if (bytes.Length < MinimumLength(type))
        {
            throw new ArgumentException($"A Type-{type} record needs at least {MinimumLength(type)} bytes.", nameof(bytes));
        }

        _bytes = bytes.ToArray();
    }

    /// <summary>The whole record as read, LEN included.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>Image designation character, the record's index within the transaction.</summary>
    public int Idc => _bytes[4];

    /// <summary>The fixed image header of Types 3–6 (null for Types 7 and 8).</summary>
    public FixedImageHeader? ImageHeader => Type is >= 3 and <= 6
        ? new FixedImageHeader(
            _bytes[5],
            _bytes[6],
            _bytes[12],
            BinaryPrimitives.ReadUInt16BigEndian(_bytes.AsSpan(13)),
            BinaryPrimitives.ReadUInt16BigEndian(_bytes.AsSpan(15)),
            _bytes[17])
        : null;

    /// <summary>Data after the fixed header (Types 3–6: the image; Type 8: the signature; Type 7: after IDC).</summary>
    public ReadOnlySpan<byte> Payload => _bytes.AsSpan(Type switch
    {
        >= 3 and <= 6 => ImageHeaderLength,
        8 => 12,
        _ => 5,
    });

    public override bool Equals(AnsiNistRecord? other) =>
        other is BinaryRecord b && b.Type == Type && b._bytes.AsSpan(4).SequenceEqual(_bytes.AsSpan(4));

    public override int GetHashCode() => HashCode.Combine(Type, _bytes.Length);

    public override string ToString() => $"Type-{Type} binary record, {_bytes.Length} bytes";

    internal static int MinimumLength(int type) => type switch
    {
        >= 3 and <= 6 => ImageHeaderLength,
        8 => 12,
        _ => 5,
    };

    internal override int MeasureLength() => _bytes.Length;

    internal override void WriteTo(Span<byte> destination)
    {
        _bytes.CopyTo(destination);
        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)_bytes.Length);
    }
}

/// <summary>
/// The fixed header shared by Types 3–6. <paramref name="ScanResolution"/> (ISR) 0 means the
/// minimum scanning resolution (19.69 ppmm, the transaction's 1.012), 1 the native one (1.011);
/// <paramref name="Compression"/> is GCA for grayscale Types 3–4 (0 none, 1 WSQ …) and BCA for
/// binary Types 5–6.
/// </summary>
internal readonly record struct FixedImageHeader(int Impression, int FingerPosition, int ScanResolution, int Width, int Height, int Compression);
