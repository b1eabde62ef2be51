using System.Globalization;

namespace Huella.Biometrics.Imaging;

/// <summary>Netpbm gray maps: binary (P5) and plain-text (P2), 8- or 16-bit.</summary>
internal static class PgmReader
{
    private const string Format = "PGM";

    public static GrayImage Read(ReadOnlySpan<byte> data)
    {
        var binary = data[1] == (byte)'5';
        var position = 2;
        var width = ReadNumber(data, ref position);
        var height = ReadNumber(data, ref position);
        var maxValue = ReadNumber(data, ref position);
        ImageDecoder.CheckSize(width, height, Format);
        if (maxValue is < 1 or > 65535)
        {
            throw new FingerprintFormatException($"PGM maximum gray value {maxValue} is out of range.") { Format = Format, Offset = position };
        }

        var count = (int)(width * height);
        var bytesPerSample = binary && maxValue > 255 ? 2 : 1;

        // The data must be there before the pixels are allocated: a plain sample takes at least a
        // digit and a separator, a binary one its bytes (the last plain sample may end the file).
        var needed = binary ? 1 + ((long)count * bytesPerSample) : (2L * count) - 1;
        if (position + needed > data.Length)
        {
            throw new FingerprintFormatException("PGM pixel data is truncated.") { Format = Format, Offset = data.Length };
        }

        var pixels = new byte[count];
        if (binary)
        {
            position++; // exactly one whitespace byte ends the header
            for (var i = 0; i < count; i++)
            {
                var sample = bytesPerSample == 1 ? data[position + i] : (data[position + (2 * i)] << 8) | data[position + (2 * i) + 1];
                pixels[i] = Scale(sample, maxValue);
            }
        }
        else
        {
            for (var i = 0; i < count; i++)
            {
                var sample = ReadNumber(data, ref position);
                if (sample > maxValue)
                {
                    throw new FingerprintFormatException($"PGM sample {sample} exceeds the maximum {maxValue}.") { Format = Format, Offset = position };
                }

                pixels[i] = Scale((int)sample, maxValue);
            }
        }

        return new GrayImage((int)width, (int)height, pixels);
    }

    private static byte Scale(int sample, long maxValue) =>
        maxValue == 255 ? (byte)sample : (byte)Math.Min(255, ((sample * 255L) + (maxValue / 2)) / maxValue);

    private static long ReadNumber(ReadOnlySpan<byte> data, ref int position)
    {
        while (position < data.Length)
        {
            if (data[position] == (byte)'#')
            {
                while (position < data.Length && data[position] != (byte)'\n')
                {
                    position++;
                }
            }
            else if (ImageDecoder.IsPnmSpace(data[position]))
            {
                position++;
            }
            else
            {
                break;
            }
        }

        var start = position;
        while (position < data.Length && char.IsAsciiDigit((char)data[position]) && position - start < 9)
        {
            position++;
        }

        if (position == start)
        {
            throw new FingerprintFormatException("PGM header is truncated or malformed.") { Format = Format, Offset = position };
        }

        return long.Parse(data[start..position], NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
