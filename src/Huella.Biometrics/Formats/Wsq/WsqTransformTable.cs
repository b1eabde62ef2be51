namespace Huella.Biometrics.Formats.Wsq;

/// <summary>
/// The DTT segment: the analysis filter pair, stored as the right half of each symmetric filter
/// (centre tap first) with sign and decimal scale per coefficient. The synthesis filters the
/// decoder needs are the analysis filters of the other band, modulated by (-1)^n.
/// </summary>
internal sealed class WsqTransformTable
{
    /// <summary>
    /// The 9/7 biorthogonal pair as FBI-certified encoders write it (sign, decimal places, integer),
    /// centre tap outwards: first the 9-tap analysis lowpass, then the 7-tap analysis highpass.
    /// </summary>
    private static readonly (byte Sign, byte Scale, uint Raw)[] Standard97 =
    [
        (0, 9, 0x32D325CD), (0, 10, 0xE0F3199A), (1, 10, 0x41EFF19A), (1, 11, 0x8E2764CD), (0, 11, 0xE179A333),
        (0, 9, 0x2EFF5600), (1, 10, 0xF933D333), (1, 11, 0xF287219A), (0, 10, 0x2677DA33),
    ];

    private const int MaxTaps = 31;

    private WsqTransformTable(float[] analysisLow, float[] analysisHigh)
    {
        AnalysisLow = analysisLow;
        AnalysisHigh = analysisHigh;
        SynthesisLow = Modulate(analysisHigh);
        SynthesisHigh = Modulate(analysisLow);
    }

    /// <summary>The standard table every encoder in practice uses, as this encoder writes it.</summary>
    public static WsqTransformTable Standard { get; } = FromCoefficients(9, 7, Standard97);

    public float[] AnalysisLow { get; }

    public float[] AnalysisHigh { get; }

    public float[] SynthesisLow { get; }

    public float[] SynthesisHigh { get; }

    public static WsqTransformTable Read(ref WsqByteReader reader, int segmentOffset)
    {
        var body = reader.ReadSegment(WsqMarker.TransformTable, 4);
        var lowSize = body.ReadByte();
        var highSize = body.ReadByte();
        if (lowSize % 2 == 0 || highSize % 2 == 0 || lowSize > MaxTaps || highSize > MaxTaps || Math.Abs(lowSize - highSize) != 2)
        {
            throw WsqError.At(segmentOffset, $"unsupported transform filters ({lowSize} and {highSize} taps; odd-length symmetric pairs two taps apart are supported)");
        }

        var count = ((lowSize + 1) / 2) + ((highSize + 1) / 2);
        var coefficients = new (byte, byte, uint)[count];
        for (var i = 0; i < count; i++)
        {
            coefficients[i] = (body.ReadByte(), body.ReadByte(), body.ReadUInt32());
        }

        // The standard table is shared so that its filter plans can be reused across files.
        return lowSize == 9 && coefficients.AsSpan().SequenceEqual(Standard97)
            ? Standard
            : FromCoefficients(lowSize, highSize, coefficients);
    }

    public static void WriteStandard(WsqByteWriter writer)
    {
        writer.WriteUInt16(WsqMarker.TransformTable);
        writer.WriteUInt16((ushort)(2 + 2 + (6 * Standard97.Length)));
        writer.WriteByte(9);
        writer.WriteByte(7);
        foreach (var (sign, scale, raw) in Standard97)
        {
            writer.WriteByte(sign);
            writer.WriteByte(scale);
            writer.WriteUInt32(raw);
        }
    }

    private static WsqTransformTable FromCoefficients(int lowSize, int highSize, ReadOnlySpan<(byte Sign, byte Scale, uint Raw)> coefficients)
    {
        var low = Expand(lowSize, coefficients[..((lowSize + 1) / 2)]);
        var high = Expand(highSize, coefficients[((lowSize + 1) / 2)..]);
        return new WsqTransformTable(low, high);
    }

    private static float[] Expand(int size, ReadOnlySpan<(byte Sign, byte Scale, uint Raw)> rightHalf)
    {
        var filter = new float[size];
        var centre = size / 2;
        for (var i = 0; i < rightHalf.Length; i++)
        {
            var value = WsqScaledValue.Decode(rightHalf[i].Raw, rightHalf[i].Scale);
            if (rightHalf[i].Sign != 0)
            {
                value = -value;
            }

            filter[centre + i] = value;
            filter[centre - i] = value;
        }

        return filter;
    }

    private static float[] Modulate(float[] filter)
    {
        var centre = filter.Length / 2;
        var result = new float[filter.Length];
        for (var i = 0; i < filter.Length; i++)
        {
            result[i] = (Math.Abs(i - centre) % 2 == 0) ? filter[i] : -filter[i];
        }

        return result;
    }
}
