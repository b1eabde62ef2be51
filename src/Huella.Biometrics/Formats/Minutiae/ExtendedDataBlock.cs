namespace Huella.Biometrics.Formats.Minutiae;

/// <summary>
/// One area of a view's extended data: type 0x0001 ridge counts, 0x0002 cores and deltas,
/// 0x0100 and above vendor-defined. The content is kept raw.
/// </summary>
internal sealed class ExtendedDataBlock
{
    public const int RidgeCountType = 0x0001;
    public const int CoreDeltaType = 0x0002;

    private readonly byte[] _data;

    public ExtendedDataBlock(int type, ReadOnlySpan<byte> data)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(type);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(type, 0xFFFF);
        Type = type;
        _data = data.ToArray();
    }

    public int Type { get; }

    /// <summary>The area's content after its 4-byte type and length header.</summary>
    public ReadOnlySpan<byte> Data => _data;

    /// <summary>
    /// Splits a view's raw extended data into areas. The standards' texts have been read both ways
    /// (NIST's biomdi counts the 4-byte area header in the area length; other readers do not), so
    /// both are tried: whichever tiles the data exactly wins, header-inclusive first.
    /// Returns false when neither does.
    /// </summary>
    public static bool TrySplit(ReadOnlySpan<byte> extendedData, out IReadOnlyList<ExtendedDataBlock> blocks)
    {
        if (TrySplit(extendedData, lengthIncludesHeader: true, out blocks))
        {
            return true;
        }

        return TrySplit(extendedData, lengthIncludesHeader: false, out blocks);
    }

    private static bool TrySplit(ReadOnlySpan<byte> data, bool lengthIncludesHeader, out IReadOnlyList<ExtendedDataBlock> blocks)
    {
        var list = new List<ExtendedDataBlock>();
        blocks = list;
        var offset = 0;
        while (offset < data.Length)
        {
            if (data.Length - offset < 4)
            {
                return false;
            }

            var type = (data[offset] << 8) | data[offset + 1];
            var length = (data[offset + 2] << 8) | data[offset + 3];
            var contentLength = lengthIncludesHeader ? length - 4 : length;
            if (contentLength < 0 || contentLength > data.Length - offset - 4)
            {
                return false;
            }

            list.Add(new ExtendedDataBlock(type, data.Slice(offset + 4, contentLength)));
            offset += 4 + contentLength;
        }

        return true;
    }
}
