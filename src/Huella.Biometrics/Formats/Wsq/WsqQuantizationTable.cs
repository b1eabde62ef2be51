namespace Huella.Biometrics.Formats.Wsq;

/// <summary>
/// The DQT segment: per subband the quantizer bin width Q and zero-bin width Z, plus the bin
/// centre C shared by all subbands. Q = 0 marks a subband that carries no data.
/// </summary>
internal sealed class WsqQuantizationTable
{
    public const int SegmentLength = 2 + 3 + (WsqSubbands.TableEntries * 6);

    public WsqQuantizationTable(float binCenter, float[] binWidths, float[] zeroBinWidths)
    {
        BinCenter = binCenter;
        BinWidths = binWidths;
        ZeroBinWidths = zeroBinWidths;
    }

    public float BinCenter { get; }

    public float[] BinWidths { get; }

    public float[] ZeroBinWidths { get; }

    public static WsqQuantizationTable Read(ref WsqByteReader reader)
    {
        var body = reader.ReadSegment(WsqMarker.QuantizationTable, SegmentLength);
        var centerScale = body.ReadByte();
        var center = WsqScaledValue.Decode(body.ReadUInt16(), centerScale);
        var q = new float[WsqSubbands.TableEntries];
        var z = new float[WsqSubbands.TableEntries];
        for (var i = 0; i < WsqSubbands.TableEntries; i++)
        {
            var qScale = body.ReadByte();
            q[i] = WsqScaledValue.Decode(body.ReadUInt16(), qScale);
            var zScale = body.ReadByte();
            z[i] = WsqScaledValue.Decode(body.ReadUInt16(), zScale);
        }

        return new WsqQuantizationTable(center, q, z);
    }

    /// <summary>Writes the table; the values must already be what <see cref="Read"/> would return.</summary>
    public static void Write(WsqByteWriter writer, (byte Scale, uint Raw) center, (byte Scale, uint Raw)[] q, (byte Scale, uint Raw)[] z)
    {
        writer.WriteUInt16(WsqMarker.QuantizationTable);
        writer.WriteUInt16(SegmentLength);
        writer.WriteScaled(center);
        for (var i = 0; i < WsqSubbands.TableEntries; i++)
        {
            writer.WriteScaled(q[i]);
            writer.WriteScaled(z[i]);
        }
    }
}
