using System.Buffers.Binary;

namespace Huella.Biometrics.Imaging;

/// <summary>The resolution a PNG, JPEG or BMP file declares, where it declares a usable one.</summary>
internal static class ImageResolution
{
    private const double MetersPerInch = 0.0254;

    // Files often carry placeholder densities (1x1, 72 or 96 dpi from a generic tool); below this
    // no fingerprint scanner operates, so such values are treated as "not stated".
    private const double MinimumCredibleDpi = 250;

    public static double? Read(ReadOnlySpan<byte> data, ImageFormat format)
    {
        var dpi = format switch
        {
            ImageFormat.Png => FromPng(data),
            ImageFormat.Jpeg => FromJpeg(data),
            ImageFormat.Bmp => FromBmp(data),
            _ => null,
        };
        return dpi is >= MinimumCredibleDpi and <= 10_000 ? Math.Round(dpi.Value, 1) : null;
    }

    private static double? FromPng(ReadOnlySpan<byte> data)
    {
        var offset = 8;
        while (offset + 12 <= data.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(data[offset..]);
            var type = data.Slice(offset + 4, 4);
            if (length > int.MaxValue || offset + 12 + (long)length > data.Length)
            {
                return null;
            }

            if (type.SequenceEqual("pHYs"u8) && length >= 9)
            {
                var chunk = data.Slice(offset + 8, 9);
                var perMeterX = BinaryPrimitives.ReadUInt32BigEndian(chunk);
                return chunk[8] == 1 ? perMeterX * MetersPerInch : null;
            }

            if (type.SequenceEqual("IDAT"u8))
            {
                return null;
            }

            offset += 12 + (int)length;
        }

        return null;
    }

    private static double? FromJpeg(ReadOnlySpan<byte> data)
    {
        // JFIF APP0: "JFIF\0", version (2), units (1), Xdensity (2), Ydensity (2).
        var offset = 2;
        while (offset + 4 <= data.Length && data[offset] == 0xFF)
        {
            var marker = data[offset + 1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 2)..]);
            if (marker == 0xE0 && length >= 14 && offset + 2 + length <= data.Length && data.Slice(offset + 4, 5).SequenceEqual("JFIF\0"u8))
            {
                var units = data[offset + 11];
                var density = BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 12)..]);
                return units switch
                {
                    1 => density,
                    2 => density * 2.54,
                    _ => null,
                };
            }

            if (marker is 0xDA or 0xD9)
            {
                return null;
            }

            offset += 2 + length;
        }

        return null;
    }

    private static double? FromBmp(ReadOnlySpan<byte> data)
    {
        // BITMAPINFOHEADER: biXPelsPerMeter at byte 38 of the file.
        if (data.Length < 46)
        {
            return null;
        }

        var perMeter = BinaryPrimitives.ReadInt32LittleEndian(data[38..]);
        return perMeter > 0 ? perMeter * MetersPerInch : null;
    }
}
