namespace Huella.Elections.Printing;

/// <summary>The three faces a printed document uses: the PDF standard fonts need no embedding.</summary>
internal enum FontFace
{
    /// <summary>Helvetica.</summary>
    Regular,

    /// <summary>Helvetica-Bold.</summary>
    Bold,

    /// <summary>Courier, for hashes and key ids that must line up and be read character by character.</summary>
    Mono,
}

internal enum TextAlign
{
    Left,
    Right,
    Center,
}

/// <summary>One thing drawn on a page. Coordinates are PostScript points (1/72 inch) from the top-left corner.</summary>
internal abstract record PageItem;

/// <summary>One line of text; <see cref="Y"/> is its baseline and <see cref="X"/> the point it is aligned on.</summary>
internal sealed record TextItem(double X, double Y, double Size, FontFace Face, string Text, TextAlign Align = TextAlign.Left) : PageItem;

internal sealed record RuleItem(double X1, double Y1, double X2, double Y2, double Width = 0.5) : PageItem;

/// <summary>A QR symbol drawn as a <paramref name="Size"/>-point square, modules kept square and sharp.</summary>
internal sealed record QrItem(double X, double Y, double Size, bool[,] Modules) : PageItem;

/// <summary>
/// A page described once and rendered twice, to pixels (<see cref="PageRaster"/>) and to PDF
/// (<see cref="PdfWriter"/>), so the PNG and the PDF of an acta show the same thing in the same place.
/// </summary>
internal sealed class PrintedPage(double width, double height)
{
    /// <summary>ISO A4 in points.</summary>
    public const double A4Width = 595.276, A4Height = 841.89;

    public double Width { get; } = width;

    public double Height { get; } = height;

    public List<PageItem> Items { get; } = [];

    public void Text(double x, double y, double size, FontFace face, string text, TextAlign align = TextAlign.Left) =>
        Items.Add(new TextItem(x, y, size, face, text, align));

    public void Rule(double x1, double y1, double x2, double y2, double width = 0.5) => Items.Add(new RuleItem(x1, y1, x2, y2, width));
}
