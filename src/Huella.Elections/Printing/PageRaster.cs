using Huella.Biometrics.Imaging;
using SkiaSharp;

namespace Huella.Elections.Printing;

/// <summary>
/// Draws a <see cref="PrintedPage"/> into gray pixels with Skia. Text uses a Helvetica-metric face
/// when the system has one (Nimbus Sans, Liberation Sans), so the picture lines up like the PDF.
/// QR modules are whole pixels, never resampled: a blurred module is what makes a phone fail.
/// </summary>
internal static class PageRaster
{
    private static readonly Lazy<SKTypeface[]> Typefaces = new(LoadTypefaces);

    public static GrayImage Render(PrintedPage page, double dpi)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentOutOfRangeException.ThrowIfLessThan(dpi, 36);
        var scale = dpi / 72;
        var width = (int)Math.Ceiling(page.Width * scale);
        var height = (int)Math.Ceiling(page.Height * scale);
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            foreach (var item in page.Items)
            {
                switch (item)
                {
                    case TextItem text:
                        DrawText(canvas, ink, text, scale);
                        break;
                    case RuleItem rule:
                        ink.StrokeWidth = (float)Math.Max(1, rule.Width * scale);
                        canvas.DrawLine((float)(rule.X1 * scale), (float)(rule.Y1 * scale), (float)(rule.X2 * scale), (float)(rule.Y2 * scale), ink);
                        break;
                    case QrItem qr:
                        DrawQr(canvas, qr, scale);
                        break;
                    default:
                        throw new NotSupportedException(item.GetType().Name);
                }
            }
        }

        var rgba = bitmap.GetPixelSpan();
        var gray = new byte[width * height];
        for (int i = 0, j = 0; i < gray.Length; i++, j += 4)
        {
            // Everything is drawn black on white: one channel holds the gray level.
            gray[i] = rgba[j];
        }

        return new GrayImage(width, height, gray, dpi);
    }

    private static void DrawText(SKCanvas canvas, SKPaint ink, TextItem text, double scale)
    {
        using var font = new SKFont(Typefaces.Value[(int)text.Face], (float)(text.Size * scale)) { Subpixel = true };
        var x = (float)(text.X * scale);
        var align = text.Align switch
        {
            TextAlign.Right => SKTextAlign.Right,
            TextAlign.Center => SKTextAlign.Center,
            _ => SKTextAlign.Left,
        };
        canvas.DrawText(text.Text, x, (float)(text.Y * scale), align, font, ink);
    }

    private static void DrawQr(SKCanvas canvas, QrItem qr, double scale)
    {
        var count = qr.Modules.GetLength(0);
        var box = qr.Size * scale;
        var module = Math.Max(1, (int)Math.Floor(box / count));
        var left = (int)Math.Round((qr.X * scale) + ((box - (module * count)) / 2));
        var top = (int)Math.Round((qr.Y * scale) + ((box - (module * count)) / 2));
        using var dark = new SKPaint { Color = SKColors.Black, IsAntialias = false, Style = SKPaintStyle.Fill };
        for (var y = 0; y < count; y++)
        {
            for (var x = 0; x < count; x++)
            {
                if (qr.Modules[y, x])
                {
                    canvas.DrawRect(left + (x * module), top + (y * module), module, module, dark);
                }
            }
        }
    }

    private static SKTypeface[] LoadTypefaces()
    {
        var manager = SKFontManager.Default;
        SKTypeface Find(SKFontStyle style, params string[] families)
        {
            foreach (var family in families)
            {
                if (manager.MatchFamily(family, style) is { } face)
                {
                    return face;
                }
            }

            return SKTypeface.Default;
        }

        return
        [
            Find(SKFontStyle.Normal, "Helvetica", "Nimbus Sans", "Liberation Sans", "Arial", "DejaVu Sans"),
            Find(SKFontStyle.Bold, "Helvetica", "Nimbus Sans", "Liberation Sans", "Arial", "DejaVu Sans"),
            Find(SKFontStyle.Normal, "Courier", "Nimbus Mono PS", "Liberation Mono", "DejaVu Sans Mono"),
        ];
    }
}
