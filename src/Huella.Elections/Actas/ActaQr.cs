using QRCoder;
using ZXing;
using ZXing.Common;
using ZXing.Multi.QrCode;
using ZXing.QrCode;

namespace Huella.Elections.Actas;

/// <summary>
/// The QR code printed on an acta: the signed acta's bytes in byte mode (8 bits a byte, the densest
/// mode for binary data), error correction level M (15 % of the symbol can be smudged).
/// </summary>
public static class ActaQr
{
    /// <summary>The QR symbol as a square of modules (true = dark), quiet zone included.</summary>
    public static bool[,] Modules(byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        var size = data.ModuleMatrix.Count;
        var modules = new bool[size, size];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                modules[y, x] = data.ModuleMatrix[y][x];
            }
        }

        return modules;
    }

    /// <summary>QR version (1–40): the symbol is 17 + 4·version modules wide.</summary>
    public static int Version(bool[,] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        return (modules.GetLength(0) - 8 - 17) / 4;
    }

    /// <summary>Renders the symbol as 8-bit gray pixels, <paramref name="scale"/> pixels a module.</summary>
    public static (byte[] Pixels, int Size) Render(bool[,] modules, int scale = 4)
    {
        ArgumentNullException.ThrowIfNull(modules);
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        var count = modules.GetLength(0);
        var size = count * scale;
        var pixels = new byte[size * size];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                pixels[(y * size) + x] = modules[y / scale, x / scale] ? (byte)0 : (byte)255;
            }
        }

        return (pixels, size);
    }

    /// <summary>Finds and reads an acta QR in a gray image (a scan or photo of the printed acta); null if none is readable.</summary>
    public static byte[]? Read(byte[] gray, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(gray);
        var source = new RGBLuminanceSource(gray, width, height, RGBLuminanceSource.BitmapFormat.Gray8);
        var hints = new Dictionary<DecodeHintType, object> { [DecodeHintType.TRY_HARDER] = true };
        try
        {
            var bitmap = new BinaryBitmap(new HybridBinarizer(source));
            return Bytes(new QRCodeReader().decode(bitmap, hints))
                // ZXing's single-symbol detector misses some valid symbols (about 1 acta in 25, even
                // rendered perfectly) that its multi-symbol finder locates: try that before giving up.
                ?? new QRCodeMultiReader().decodeMultiple(bitmap, hints)?.Select(Bytes).FirstOrDefault(bytes => bytes is not null);
        }
        catch (ReaderException)
        {
            return null;
        }
    }

    private static byte[]? Bytes(Result? result) =>
        result?.ResultMetadata is { } metadata && metadata.TryGetValue(ResultMetadataType.BYTE_SEGMENTS, out var segments) && segments is IList<byte[]> list
            ? [.. list.SelectMany(segment => segment)]
            : null;
}
