namespace Huella.Biometrics.Formats.Wsq;

/// <summary>
/// The SOF segment: image size and the affine map (shift and scale) between pixels and the
/// floating-point image the transform works on.
/// </summary>
internal readonly record struct WsqFrameHeader(int Width, int Height, float Shift, float Scale, byte Encoder, ushort Software)
{
    public const int SegmentLength = 17;

    public static WsqFrameHeader Read(ref WsqByteReader reader, int segmentOffset)
    {
        var body = reader.ReadSegment(WsqMarker.StartOfFrame, SegmentLength);
        _ = body.ReadByte(); // black level: informative only, the reference decoder ignores it
        _ = body.ReadByte(); // white level
        var height = body.ReadUInt16();
        var width = body.ReadUInt16();
        var shiftScale = body.ReadByte();
        var shift = WsqScaledValue.Decode(body.ReadUInt16(), shiftScale);
        var scaleScale = body.ReadByte();
        var scale = WsqScaledValue.Decode(body.ReadUInt16(), scaleScale);
        var encoder = body.ReadByte();
        var software = body.ReadUInt16();
        if (width == 0 || height == 0)
        {
            throw WsqError.At(segmentOffset, $"frame of {width}x{height} pixels");
        }

        return new WsqFrameHeader(width, height, shift, scale, encoder, software);
    }

    public void Write(WsqByteWriter writer, (byte Scale, uint Raw) shift, (byte Scale, uint Raw) scale)
    {
        writer.WriteUInt16(WsqMarker.StartOfFrame);
        writer.WriteUInt16(SegmentLength);
        writer.WriteByte(0);
        writer.WriteByte(255);
        writer.WriteUInt16((ushort)Height);
        writer.WriteUInt16((ushort)Width);
        writer.WriteScaled(shift);
        writer.WriteScaled(scale);
        writer.WriteByte(Encoder);
        writer.WriteUInt16(Software);
    }
}
