using System.Buffers;
using System.Text;
using Huella.Biometrics.Imaging;

namespace Huella.Biometrics.Formats.Wsq;

/// <summary>
/// Writes a WSQ file the way the NIST reference encoder lays it out: SOI, comments, transform
/// and quantization tables, frame header, then three blocks (subbands 0-18 with Huffman table 0,
/// 19-51 and 52-59 sharing table 1) and EOI.
/// </summary>
internal static class WsqEncoder
{
    public static byte[] Encode(GrayImage image, double bitRate, string? comment)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (!double.IsFinite(bitRate) || bitRate <= 0 || bitRate > WsqParameters.MaxBitRate)
        {
            throw new ArgumentOutOfRangeException(nameof(bitRate), bitRate, $"The bit rate must be a positive number of bits per pixel, at most {WsqParameters.MaxBitRate}.");
        }

        if (image.Width > ushort.MaxValue || image.Height > ushort.MaxValue)
        {
            throw new ArgumentException($"WSQ images are at most 65535 pixels a side, not {image.Width}x{image.Height}.", nameof(image));
        }

        var commentBytes = CommentBytes(comment);
        var layout = WsqSubbands.For(image.Width, image.Height);
        foreach (var split in layout.Splits)
        {
            if (split.Region.Width < WsqParameters.MinSplitLength || split.Region.Height < WsqParameters.MinSplitLength)
            {
                throw new ArgumentException($"A {image.Width}x{image.Height} image is too small for the WSQ decomposition.", nameof(image));
            }
        }

        var count = image.Width * image.Height;
        var transformed = ArrayPool<float>.Shared.Rent(count);
        var scratch = ArrayPool<float>.Shared.Rent(count);
        var scratch2 = ArrayPool<float>.Shared.Rent(count);
        var quantized = ArrayPool<int>.Shared.Rent(count);
        try
        {
            var (shift, scale) = ToFloat(image.Pixels, transformed);
            var filters = WsqTransformTable.Standard;
            WsqWavelet.Decompose(transformed, image.Width, layout, filters, scratch, scratch2);

            var variances = WsqQuantizer.Variances(transformed.AsSpan(0, count), image.Width, layout);
            var widths = WsqQuantizer.BinWidths(variances, bitRate);

            // The specification's bit allocation lands well under the requested rate (0.75 gives
            // about 15:1, not 10.7:1). Honour the rate as a budget: from the specification's bin
            // widths, narrow them (never widen) while the file still fits width × height × rate bits.
            var specification = EncodeWith(1.0);
            var budget = (long)Math.Floor(count * bitRate / 8);
            if (specification.Length >= budget)
            {
                return specification;
            }

            var best = specification;
            double coarse = 1.0, fine = WsqParameters.FinestBinScale;
            for (var step = 0; step < WsqParameters.RateSearchSteps; step++)
            {
                var factor = (coarse + fine) / 2;
                var candidate = EncodeWith(factor);
                if (candidate.Length <= budget)
                {
                    best = candidate;
                    coarse = factor;
                }
                else
                {
                    fine = factor;
                }
            }

            return best;

            byte[] EncodeWith(double factor)
            {
                var q = new (byte, uint)[WsqSubbands.TableEntries];
                var z = new (byte, uint)[WsqSubbands.TableEntries];
                var binWidths = new float[WsqSubbands.TableEntries];
                var zeroBinWidths = new float[WsqSubbands.TableEntries];
                for (var band = 0; band < WsqSubbands.Coded; band++)
                {
                    // Quantize with exactly the widths the decoder will read back.
                    q[band] = WsqScaledValue.Encode(widths[band] * factor, ushort.MaxValue);
                    binWidths[band] = WsqScaledValue.Decode(q[band].Item2, q[band].Item1);
                    if (binWidths[band] != 0)
                    {
                        z[band] = WsqScaledValue.Encode(binWidths[band] * WsqParameters.ZeroBinRatio, ushort.MaxValue);
                        zeroBinWidths[band] = WsqScaledValue.Decode(z[band].Item2, z[band].Item1);
                    }
                }

                var total = WsqQuantizer.Quantize(transformed.AsSpan(0, count), image.Width, layout, binWidths, zeroBinWidths, quantized);
                var firstEnd = CodedArea(layout, binWidths, 0, WsqSubbands.SecondBlockStart);
                var secondEnd = firstEnd + CodedArea(layout, binWidths, WsqSubbands.SecondBlockStart, WsqSubbands.ThirdBlockStart);
                var blocks = quantized.AsSpan(0, total);

                var output = new WsqByteWriter(Math.Max(1024, count / 8));
                output.WriteUInt16(WsqMarker.StartOfImage);
                WriteComment(output, WsqNistComment.Build(image.Width, image.Height, (int)Math.Min(Math.Round(image.Dpi), int.MaxValue), bitRate));
                if (commentBytes.Length > 0)
                {
                    WriteComment(output, commentBytes);
                }

                WsqTransformTable.WriteStandard(output);
                WsqQuantizationTable.Write(output, (WsqParameters.BinCenterScale, WsqParameters.BinCenterRaw), q, z);
                new WsqFrameHeader(image.Width, image.Height, 0, 0, WsqParameters.EncoderNumber, 0).Write(output, shift, scale);

                var first = blocks[..firstEnd];
                WriteBlock(output, 0, Table(first, []), writeTable: true, first);
                var second = blocks[firstEnd..secondEnd];
                var third = blocks[secondEnd..];
                var shared = Table(second, third);
                WriteBlock(output, 1, shared, writeTable: true, second);
                WriteBlock(output, 1, shared, writeTable: false, third);
                output.WriteUInt16(WsqMarker.EndOfImage);
                return output.ToArray();
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(transformed);
            ArrayPool<float>.Shared.Return(scratch);
            ArrayPool<float>.Shared.Return(scratch2);
            ArrayPool<int>.Shared.Return(quantized);
        }
    }

    private static byte[] CommentBytes(string? comment)
    {
        if (string.IsNullOrEmpty(comment))
        {
            return [];
        }

        if (comment.StartsWith(WsqNistComment.Header, StringComparison.Ordinal))
        {
            throw new ArgumentException("The NISTCOM comment is written by the encoder; pass free text.", nameof(comment));
        }

        var bytes = Encoding.UTF8.GetBytes(comment);
        return bytes.Length <= ushort.MaxValue - 2
            ? bytes
            : throw new ArgumentException($"A comment holds at most {ushort.MaxValue - 2} bytes.", nameof(comment));
    }

    /// <summary>
    /// Centres pixels on their mean and scales them into about +/-128, with the shift and scale
    /// rounded to what the frame header can store so that the decoder inverts exactly this map.
    /// </summary>
    private static ((byte, uint) Shift, (byte, uint) Scale) ToFloat(ReadOnlySpan<byte> pixels, float[] output)
    {
        long sum = 0;
        int low = 255, high = 0;
        foreach (var p in pixels)
        {
            sum += p;
            low = Math.Min(low, p);
            high = Math.Max(high, p);
        }

        var mean = (double)sum / pixels.Length;
        var range = Math.Max(mean - low, high - mean) / 128.0;
        var shiftCode = WsqScaledValue.Encode(mean, ushort.MaxValue);
        var scaleCode = WsqScaledValue.Encode(range > 0 ? range : 1.0, ushort.MaxValue);
        var shift = WsqScaledValue.Decode(shiftCode.Raw, shiftCode.Scale);
        var scale = WsqScaledValue.Decode(scaleCode.Raw, scaleCode.Scale);
        for (var i = 0; i < pixels.Length; i++)
        {
            output[i] = (pixels[i] - shift) / scale;
        }

        return (shiftCode, scaleCode);
    }

    private static int CodedArea(WsqSubbands layout, float[] binWidths, int from, int to)
    {
        var area = 0;
        for (var band = from; band < to; band++)
        {
            if (binWidths[band] != 0)
            {
                area += layout.Bands[band].Area;
            }
        }

        return area;
    }

    private static WsqHuffmanTable Table(ReadOnlySpan<int> block, ReadOnlySpan<int> alsoCoded)
    {
        var counts = new long[256];
        WsqBlockEncoder.Count(block, counts);
        WsqBlockEncoder.Count(alsoCoded, counts);
        return WsqHuffmanBuilder.Build(counts);
    }

    private static void WriteBlock(WsqByteWriter output, byte tableId, WsqHuffmanTable table, bool writeTable, ReadOnlySpan<int> block)
    {
        if (writeTable)
        {
            table.Write(output, tableId);
        }

        output.WriteUInt16(WsqMarker.StartOfBlock);
        output.WriteUInt16(3);
        output.WriteByte(tableId);
        WsqBlockEncoder.Write(block, table, output);
    }

    private static void WriteComment(WsqByteWriter output, ReadOnlySpan<byte> text)
    {
        output.WriteUInt16(WsqMarker.Comment);
        output.WriteUInt16((ushort)(text.Length + 2));
        output.WriteBytes(text);
    }
}
