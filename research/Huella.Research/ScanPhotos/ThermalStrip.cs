using System.Globalization;
using System.Text;
using Huella.Biometrics.Imaging;
using Huella.Elections.Actas;
using Huella.Elections.Contests;
using Huella.Elections.Ve2024;
using SkiaSharp;

namespace Huella.Research.ScanPhotos;

/// <summary>
/// A CNE 2024 acta as its thermal printer made it: an 72 mm strip at 203 dpi, a heading, one line per
/// card, the totals, the QR (4 dots a module) and the signature lines. The ink is gray, and a worn
/// head leaves faint vertical streaks and dropped dots, more of them when <c>worn</c>.
/// </summary>
internal static class ThermalStrip
{
    private const int Width = 576;
    private const int Line = 24;
    private const int Module = 4;

    public static PrintedDocument Print(string payloadText, CneQrPayload payload, Random random, bool worn)
    {
        var modules = ActaQr.Modules(Encoding.ASCII.GetBytes(payloadText));
        var count = modules.GetLength(0);
        var lines = new List<string>
        {
            "REPUBLICA BOLIVARIANA DE VENEZUELA",
            "CONSEJO NACIONAL ELECTORAL",
            "ELECCION PRESIDENCIAL 28/07/2024",
            "ACTA DE ESCRUTINIO",
            $"CENTRO {payload.Mesa.Centre}  MESA {payload.Mesa.Number:D2}",
            "",
        };
        var cards = Venezuela2024.Presidential.Cards;
        for (var i = 0; i < cards.Length; i++)
        {
            var name = cards[i].Party.Length > 20 ? cards[i].Party[..20] : cards[i].Party;
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{name,-20}{payload.CardVotes[i],6}"));
        }

        lines.Add("");
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"VOTOS VALIDOS {payload.CardVotes.Sum(),12}"));
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"VOTOS NULOS {payload.NullVotes,14}"));
        var textHeight = (lines.Count + 2) * Line;
        var qrSize = count * Module;
        var height = textHeight + qrSize + (6 * Line);
        var qrLeft = (Width - qrSize) / 2;
        var qrTop = textHeight;

        var paper = (byte)random.Next(228, 246);
        var ink = (byte)random.Next(25, 70);
        var info = new SKImageInfo(Width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(paper, paper, paper));
            using var paint = new SKPaint { Color = new SKColor(ink, ink, ink), IsAntialias = true };
            using var typeface = SKFontManager.Default.MatchFamily("DejaVu Sans Mono") ?? SKTypeface.Default;
            using var font = new SKFont(typeface, 19);
            for (var i = 0; i < lines.Count; i++)
            {
                canvas.DrawText(lines[i], 12, (i + 1) * Line, SKTextAlign.Left, font, paint);
            }

            using var dark = new SKPaint { Color = new SKColor(ink, ink, ink), IsAntialias = false };
            for (var y = 0; y < count; y++)
            {
                for (var x = 0; x < count; x++)
                {
                    if (modules[y, x])
                    {
                        canvas.DrawRect(qrLeft + (x * Module), qrTop + (y * Module), Module, Module, dark);
                    }
                }
            }

            var below = qrTop + qrSize + Line;
            foreach (var label in (string[])["PRESIDENTE ______________", "SECRETARIO ______________", "MIEMBRO    ______________"])
            {
                below += Line + 8;
                canvas.DrawText(label, 12, below, SKTextAlign.Left, font, paint);
            }
        }

        var gray = new byte[Width * height];
        var rgba = bitmap.GetPixelSpan();
        for (var i = 0; i < gray.Length; i++)
        {
            gray[i] = rgba[i * 4];
        }

        Wear(gray, height, paper, ink, random, worn);
        return new PrintedDocument(new GrayImage(Width, height, gray, 203), qrLeft, qrTop, qrSize, Module, Encoding.ASCII.GetBytes(payloadText), payloadText, payload.Mesa.ToString());
    }

    /// <summary>Faint streaks where head dots print weakly, and dots dropped from black or sprinkled on white.</summary>
    private static void Wear(byte[] gray, int height, byte paper, byte ink, Random random, bool worn)
    {
        var streaks = worn ? random.Next(2, 6) : random.Next(0, 2);
        for (var s = 0; s < streaks; s++)
        {
            var x = random.Next(0, Width);
            var width = random.Next(1, 3);
            var fade = random.NextDouble() * (worn ? 0.45 : 0.25);
            for (var y = 0; y < height; y++)
            {
                for (var dx = 0; dx < width && x + dx < Width; dx++)
                {
                    var i = (y * Width) + x + dx;
                    gray[i] = (byte)(gray[i] + ((paper - gray[i]) * fade));
                }
            }
        }

        var dropped = worn ? 0.04 : 0.01;
        var sprinkled = worn ? 0.004 : 0.001;
        for (var i = 0; i < gray.Length; i++)
        {
            var dark = gray[i] < (paper + ink) / 2;
            var roll = random.NextDouble();
            if (dark && roll < dropped)
            {
                gray[i] = paper;
            }
            else if (!dark && roll < sprinkled)
            {
                gray[i] = ink;
            }
        }
    }
}
