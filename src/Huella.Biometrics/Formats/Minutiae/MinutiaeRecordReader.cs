namespace Huella.Biometrics.Formats.Minutiae;

/// <summary>Reads ISO 19794-2:2005 and ANSI 378-2004 records; every length is checked before use.</summary>
internal static class MinutiaeRecordReader
{
    private const int IsoHeaderLength = 24;
    private const int ViewHeaderLength = 4;
    private const int MinutiaLength = 6;
    private const string GenericFormat = "finger minutiae record";

    private static ReadOnlySpan<byte> Magic => "FMR\0"u8;

    private static ReadOnlySpan<byte> Version20 => " 20\0"u8;

    public static MinutiaeRecord Read(ReadOnlySpan<byte> data, MinutiaeStandard? forced)
    {
        var probe = new TemplateReader(data, GenericFormat);
        if (data.Length < IsoHeaderLength)
        {
            throw probe.Error($"Truncated: {data.Length} bytes is shorter than any record header.");
        }

        if (!data[..4].SequenceEqual(Magic))
        {
            throw probe.Error("Not a finger minutiae record: it does not start with \"FMR\\0\".");
        }

        if (!data[4..8].SequenceEqual(Version20))
        {
            throw new FingerprintFormatException("Unsupported record version: only ISO 19794-2:2005 and ANSI 378-2004 (\" 20\\0\") are read.")
            {
                Format = GenericFormat,
                Offset = 4,
            };
        }

        var standard = forced ?? Detect(data);
        var reader = new TemplateReader(data, standard.DisplayName());
        reader.ReadBytes(8, "the format identifier and version");
        long declaredLength;
        uint productId = 0;
        if (standard == MinutiaeStandard.Iso19794v2005)
        {
            declaredLength = reader.ReadUInt32();
        }
        else
        {
            declaredLength = reader.ReadUInt16();
            if (declaredLength == 0)
            {
                // 378's long form: a zero short length announces a 4-byte length.
                declaredLength = reader.ReadUInt32();
            }

            productId = reader.ReadUInt32();
        }

        if (declaredLength > data.Length)
        {
            throw new FingerprintFormatException($"Truncated: the record declares {declaredLength} bytes but {data.Length} were given.")
            {
                Format = standard.DisplayName(),
                Offset = 8,
            };
        }

        if (declaredLength < data.Length && !IsZeroPadding(data, declaredLength))
        {
            throw new FingerprintFormatException($"The record declares {declaredLength} bytes but {data.Length} were given, and the rest is not zero padding.")
            {
                Format = standard.DisplayName(),
                Offset = 8,
            };
        }

        data = data[..(int)declaredLength];
        reader = Resume(data, standard, reader.Position);

        var equipment = reader.ReadUInt16();
        var width = reader.ReadUInt16();
        var height = reader.ReadUInt16();
        var resolutionX = reader.ReadUInt16();
        var resolutionY = reader.ReadUInt16();
        var viewCount = reader.ReadByte();
        reader.ReadByte(); // reserved
        if (viewCount * (ViewHeaderLength + 2) > reader.Remaining)
        {
            throw reader.Error($"Truncated: {viewCount} views cannot fit in the {reader.Remaining} bytes left.");
        }

        var angleUnits = standard.AngleUnitsPerCircle();
        var views = new List<FingerView>(viewCount);
        for (var i = 0; i < viewCount; i++)
        {
            views.Add(ReadView(ref reader, angleUnits));
        }

        if (reader.Remaining != 0)
        {
            throw reader.Error($"{reader.Remaining} bytes follow the last finger view.");
        }

        return new MinutiaeRecord(standard, width, height, resolutionX, resolutionY, views, equipment, productId);
    }

    /// <summary>
    /// ISO's 4-byte length and ANSI's 2-byte (or 0 + 4-byte) length sit at the same offset; the one
    /// that equals the input size names the standard. Failing both (truncated or padded input), a
    /// zero high half means ISO, as ISO records under 64 KiB always have one.
    /// </summary>
    private static MinutiaeStandard Detect(ReadOnlySpan<byte> data)
    {
        var isoLength = ((long)data[8] << 24) | ((long)data[9] << 16) | ((long)data[10] << 8) | data[11];
        var ansiShort = (data[8] << 8) | data[9];
        long ansiLength = ansiShort != 0
            ? ansiShort
            : data.Length >= 14 ? ((long)data[10] << 24) | ((long)data[11] << 16) | ((long)data[12] << 8) | data[13] : -1;
        if (isoLength == data.Length)
        {
            return MinutiaeStandard.Iso19794v2005;
        }

        if (ansiLength == data.Length)
        {
            return MinutiaeStandard.Ansi378v2004;
        }

        // Templates kept in fixed-size buffers carry zero padding after the declared length.
        if (IsZeroPadding(data, isoLength))
        {
            return MinutiaeStandard.Iso19794v2005;
        }

        if (IsZeroPadding(data, ansiLength))
        {
            return MinutiaeStandard.Ansi378v2004;
        }

        return ansiShort == 0 ? MinutiaeStandard.Iso19794v2005 : MinutiaeStandard.Ansi378v2004;
    }

    private static bool IsZeroPadding(ReadOnlySpan<byte> data, long declaredLength) =>
        declaredLength >= IsoHeaderLength && declaredLength < data.Length && !data[(int)declaredLength..].ContainsAnyExcept((byte)0);

    private static TemplateReader Resume(ReadOnlySpan<byte> data, MinutiaeStandard standard, int position)
    {
        var reader = new TemplateReader(data, standard.DisplayName());
        reader.ReadBytes(position, "the header");
        return reader;
    }

    private static FingerView ReadView(ref TemplateReader reader, int angleUnits)
    {
        var finger = reader.ReadByte();
        var viewAndImpression = reader.ReadByte();
        var quality = reader.ReadByte();
        var count = reader.ReadByte();
        reader.Require(count * MinutiaLength, $"{count} minutiae");
        var minutiae = new RecordMinutia[count];
        for (var i = 0; i < count; i++)
        {
            var typeAndX = reader.ReadUInt16();
            var y = reader.ReadUInt16() & RecordMinutia.MaxCoordinate;
            var angle = reader.ReadByte();
            var minutiaQuality = reader.ReadByte();
            if (angle >= angleUnits)
            {
                throw reader.Error($"Minutia angle {angle} is outside 0–{angleUnits - 1}.");
            }

            minutiae[i] = new RecordMinutia((RecordMinutiaType)(typeAndX >> 14), typeAndX & RecordMinutia.MaxCoordinate, y, angle, minutiaQuality);
        }

        var extendedLength = reader.ReadUInt16();
        var extended = reader.ReadBytes(extendedLength, "the extended data block");
        return new FingerView(finger, viewAndImpression >> 4, viewAndImpression & 0x0F, quality, minutiae, extended);
    }
}
