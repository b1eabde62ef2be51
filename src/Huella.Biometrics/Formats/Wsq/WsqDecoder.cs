using System.Buffers;
using Huella.Biometrics.Imaging;

namespace Huella.Biometrics.Formats.Wsq;

/// <summary>
/// Reads a WSQ file: tables and frame header, the Huffman-coded blocks, then dequantization,
/// the inverse wavelet transform and the mapping back to 8-bit pixels.
/// </summary>
internal static class WsqDecoder
{
    public static GrayImage Decode(ReadOnlySpan<byte> data)
    {
        var reader = new WsqByteReader(data);
        if (data.Length < 2 || reader.ReadUInt16() != WsqMarker.StartOfImage)
        {
            throw WsqError.At(0, "no start-of-image marker; not a WSQ file");
        }

        // The coefficients are rented: decoding needs them only until the inverse transform.
        int[]? coefficients = null;
        try
        {
            return DecodeSegments(data, ref reader, ref coefficients);
        }
        finally
        {
            if (coefficients is not null)
            {
                ArrayPool<int>.Shared.Return(coefficients);
            }
        }
    }

    private static GrayImage DecodeSegments(ReadOnlySpan<byte> data, ref WsqByteReader reader, ref int[]? coefficients)
    {
        var huffman = new WsqHuffmanTable?[WsqHuffmanTable.MaxTables];
        var capacity = 0;
        var filled = 0;
        WsqTransformTable? transform = null;
        WsqQuantizationTable? quantization = null;
        WsqFrameHeader? frame = null;
        WsqSubbands? layout = null;
        int? ppi = null;

        while (true)
        {
            var at = reader.Position;
            if (reader.Remaining < 2)
            {
                throw WsqError.At(at, "missing end-of-image marker");
            }

            var marker = reader.ReadUInt16();
            switch (marker)
            {
                case WsqMarker.TransformTable:
                    transform = WsqTransformTable.Read(ref reader, at);
                    break;
                case WsqMarker.QuantizationTable:
                    if (coefficients is not null)
                    {
                        throw WsqError.At(at, "quantization table redefined after image data");
                    }

                    quantization = WsqQuantizationTable.Read(ref reader);
                    break;
                case WsqMarker.HuffmanTable:
                    WsqHuffmanTable.ReadSegment(ref reader, huffman);
                    break;
                case WsqMarker.RestartInterval:
                    reader.ReadSegment(marker, 4);
                    break;
                case WsqMarker.Comment:
                    var comment = reader.ReadSegment(marker, 2);
                    var text = comment.Data[comment.Position..];
                    if (ppi is null && WsqNistComment.IsNistComment(text))
                    {
                        ppi = WsqNistComment.ReadPpi(text);
                    }

                    break;
                case WsqMarker.StartOfFrame:
                    if (frame is not null)
                    {
                        throw WsqError.At(at, "second frame header");
                    }

                    var header = WsqFrameHeader.Read(ref reader, at);
                    CheckSize(header, data.Length, at);
                    frame = header;
                    layout = WsqSubbands.For(header.Width, header.Height);
                    break;
                case WsqMarker.StartOfBlock:
                    if (layout is null)
                    {
                        throw WsqError.At(at, "image data before the frame header");
                    }

                    var block = reader.ReadSegment(marker, 3);
                    var tableId = block.ReadByte();
                    var table = (tableId < huffman.Length ? huffman[tableId] : null)
                        ?? throw WsqError.At(at, $"block uses undefined Huffman table {tableId}");
                    if (coefficients is null)
                    {
                        if (quantization is null)
                        {
                            throw WsqError.At(at, "image data before the quantization table");
                        }

                        capacity = (int)WsqDequantizer.CoefficientCount(layout, quantization);
                        coefficients = ArrayPool<int>.Shared.Rent(capacity);
                        Array.Clear(coefficients, 0, capacity);
                    }

                    reader.Position = WsqBlockDecoder.Decode(data, reader.Position, table, coefficients.AsSpan(0, capacity), ref filled);
                    break;
                case WsqMarker.EndOfImage:
                    if (frame is not { } f || layout is null || coefficients is null || quantization is null)
                    {
                        throw WsqError.At(at, "end of image before any image data");
                    }

                    if (transform is null)
                    {
                        throw WsqError.At(at, "no transform table");
                    }

                    return Reconstruct(f, layout, transform, quantization, coefficients.AsSpan(0, capacity), ppi);
                default:
                    throw WsqError.At(at, $"unexpected marker {WsqMarker.Name(marker)}");
            }
        }
    }

    private static void CheckSize(WsqFrameHeader header, int inputLength, int at)
    {
        var pixels = (long)header.Width * header.Height;
        if (pixels > WsqParameters.MaxPixels)
        {
            throw new FingerprintFormatException($"WSQ: frame of {header.Width}x{header.Height} pixels is larger than Huella decodes ({ImageDecoder.LimitText}) (at byte {at}).")
            {
                Format = WsqError.Format,
                Offset = at,
                Error = FingerprintFormatError.ImageTooLarge,
            };
        }

        if (pixels > (long)inputLength * WsqParameters.MaxPixelsPerInputByte)
        {
            throw WsqError.At(at, $"frame of {header.Width}x{header.Height} pixels is implausibly large for {inputLength} bytes of data");
        }
    }

    private static GrayImage Reconstruct(WsqFrameHeader frame, WsqSubbands layout, WsqTransformTable transform, WsqQuantizationTable quantization, ReadOnlySpan<int> coefficients, int? ppi)
    {
        var count = frame.Width * frame.Height;
        var image = ArrayPool<float>.Shared.Rent(count);
        var scratch = ArrayPool<float>.Shared.Rent(count);
        var scratch2 = ArrayPool<float>.Shared.Rent(count);
        try
        {
            Array.Clear(image, 0, count);
            WsqDequantizer.Dequantize(coefficients, quantization, layout, image.AsSpan(0, count), frame.Width);
            WsqWavelet.Reconstruct(image, frame.Width, layout, transform, scratch, scratch2);
            var pixels = new byte[count];
            WsqDequantizer.ToPixels(image.AsSpan(0, count), frame.Scale, frame.Shift, pixels);
            return new GrayImage(frame.Width, frame.Height, pixels, ppi ?? GrayImage.DefaultDpi);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(image);
            ArrayPool<float>.Shared.Return(scratch);
            ArrayPool<float>.Shared.Return(scratch2);
        }
    }
}
