using System.Text;

namespace Huella.Elections.Printing;

/// <summary>
/// Metrics and encoding of the PDF standard fonts the writer uses: every PDF reader has Helvetica
/// and Courier, so nothing is embedded. Text is WinAnsi (Windows-1252), which covers Spanish.
/// </summary>
internal static class PdfFonts
{
    // Advance widths (1/1000 em) of codes 32–126 in WinAnsiEncoding, from the fonts' AFM metrics.
    private static readonly short[] HelveticaWidths =
    [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556,
        278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667,
        611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833,
        556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
    ];

    private static readonly short[] HelveticaBoldWidths =
    [
        278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556,
        333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667,
        611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889,
        611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
    ];

    public static string BaseFont(FontFace face) => face switch
    {
        FontFace.Bold => "Helvetica-Bold",
        FontFace.Mono => "Courier",
        _ => "Helvetica",
    };

    /// <summary>Width of <paramref name="text"/> in points at <paramref name="size"/>.</summary>
    public static double Measure(string text, FontFace face, double size)
    {
        if (face == FontFace.Mono)
        {
            return text.Length * 0.6 * size;
        }

        var widths = face == FontFace.Bold ? HelveticaBoldWidths : HelveticaWidths;
        var total = 0;
        foreach (var c in text)
        {
            total += Width(c, widths);
        }

        return total * size / 1000;
    }

    /// <summary>The text as WinAnsi bytes; a character WinAnsi lacks prints as '?'.</summary>
    public static byte[] Encode(string text)
    {
        var bytes = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            bytes[i] = ToWinAnsi(text[i]);
        }

        return bytes;
    }

    internal static byte ToWinAnsi(char c) => c switch
    {
        >= ' ' and <= '~' => (byte)c,
        >= '\u00A0' and <= '\u00FF' => (byte)c, // Latin-1 and WinAnsi agree here
        '€' => 0x80,
        '…' => 0x85,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        _ => (byte)'?',
    };

    private static int Width(char c, short[] widths)
    {
        if (c is >= ' ' and <= '~')
        {
            return widths[c - ' '];
        }

        // An accented Latin letter is as wide as its base letter in Helvetica.
        var baseLetter = c.ToString().Normalize(NormalizationForm.FormD)[0];
        if (baseLetter is >= ' ' and <= '~' && baseLetter != c)
        {
            return widths[baseLetter - ' '];
        }

        return c switch
        {
            '—' => 1000,
            '·' => 278,
            '•' => 350,
            _ => 556,
        };
    }
}
