using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Huella.Elections.Printing;

/// <summary>
/// A small PDF 1.4 writer for our printed pages: the standard fonts (not embedded, WinAnsi),
/// lines, and QR symbols as 8-bit gray image XObjects, one pixel a module, FlateDecode. The output
/// is a pure function of the pages: no creation date, no document id, nothing that differs between
/// two prints of the same thing (a vote receipt must not carry when it was printed).
/// </summary>
internal static class PdfWriter
{
    private const int CatalogId = 1, PagesId = 2, FirstFontId = 3;
    private static readonly FontFace[] Faces = [FontFace.Regular, FontFace.Bold, FontFace.Mono];

    public static byte[] Write(IReadOnlyList<PrintedPage> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        if (pages.Count == 0)
        {
            throw new ArgumentException("A PDF needs at least one page.", nameof(pages));
        }

        var file = new PdfFile();
        file.Add(CatalogId, Ascii($"<< /Type /Catalog /Pages {PagesId} 0 R >>"));

        // Object numbers: catalog, page tree, fonts, then per page: page, content, images.
        var next = FirstFontId + Faces.Length;
        var pageIds = new List<int>();
        var pending = new List<(int Id, byte[] Body)>();
        foreach (var page in pages)
        {
            var pageId = next++;
            var contentId = next++;
            pageIds.Add(pageId);
            var images = new List<(string Name, int Id)>();
            var content = new StringBuilder();
            foreach (var item in page.Items)
            {
                switch (item)
                {
                    case TextItem text:
                        WriteText(content, page, text);
                        break;
                    case RuleItem rule:
                        content.Append(Invariant($"{N(rule.Width)} w {N(rule.X1)} {N(page.Height - rule.Y1)} m {N(rule.X2)} {N(page.Height - rule.Y2)} l S\n"));
                        break;
                    case QrItem qr:
                        var name = $"Im{images.Count + 1}";
                        var imageId = next++;
                        images.Add((name, imageId));
                        pending.Add((imageId, GrayImageObject(qr.Modules)));
                        content.Append(Invariant($"q {N(qr.Size)} 0 0 {N(qr.Size)} {N(qr.X)} {N(page.Height - qr.Y - qr.Size)} cm /{name} Do Q\n"));
                        break;
                    default:
                        throw new NotSupportedException(item.GetType().Name);
                }
            }

            var fonts = string.Join(' ', Faces.Select((_, i) => $"/F{i + 1} {FirstFontId + i} 0 R"));
            var xobjects = images.Count == 0 ? "" : $" /XObject << {string.Join(' ', images.Select(im => $"/{im.Name} {im.Id} 0 R"))} >>";
            pending.Add((pageId, Ascii(Invariant(
                $"<< /Type /Page /Parent {PagesId} 0 R /MediaBox [0 0 {N(page.Width)} {N(page.Height)}] /Resources << /Font << {fonts} >>{xobjects} >> /Contents {contentId} 0 R >>"))));
            pending.Add((contentId, Stream("", Ascii(content.ToString()))));
        }

        file.Add(PagesId, Ascii($"<< /Type /Pages /Kids [{string.Join(' ', pageIds.Select(id => $"{id} 0 R"))}] /Count {pageIds.Count} >>"));
        for (var i = 0; i < Faces.Length; i++)
        {
            file.Add(FirstFontId + i, Ascii($"<< /Type /Font /Subtype /Type1 /BaseFont /{PdfFonts.BaseFont(Faces[i])} /Encoding /WinAnsiEncoding >>"));
        }

        foreach (var (id, body) in pending)
        {
            file.Add(id, body);
        }

        return file.ToArray(next);
    }

    private static void WriteText(StringBuilder content, PrintedPage page, TextItem text)
    {
        var width = PdfFonts.Measure(text.Text, text.Face, text.Size);
        var x = text.Align switch
        {
            TextAlign.Right => text.X - width,
            TextAlign.Center => text.X - (width / 2),
            _ => text.X,
        };
        content.Append(Invariant($"BT /F{(int)text.Face + 1} {N(text.Size)} Tf {N(x)} {N(page.Height - text.Y)} Td ("));
        foreach (var b in PdfFonts.Encode(text.Text))
        {
            // Bytes outside printable ASCII as octal escapes: the content stream stays plain ASCII.
            if (b is (byte)'(' or (byte)')' or (byte)'\\')
            {
                content.Append('\\').Append((char)b);
            }
            else if (b is < 0x20 or >= 0x7F)
            {
                content.Append('\\').Append(Convert.ToString(b, 8).PadLeft(3, '0'));
            }
            else
            {
                content.Append((char)b);
            }
        }

        content.Append(") Tj ET\n");
    }

    private static byte[] GrayImageObject(bool[,] modules)
    {
        var size = modules.GetLength(0);
        var pixels = new byte[size * size];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                pixels[(y * size) + x] = modules[y, x] ? (byte)0 : (byte)255;
            }
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(pixels);
        }

        // Interpolate false: a viewer enlarges each module as a sharp square, as a QR must be printed.
        return Stream(
            Invariant($"/Type /XObject /Subtype /Image /Width {size} /Height {size} /ColorSpace /DeviceGray /BitsPerComponent 8 /Interpolate false /Filter /FlateDecode "),
            compressed.ToArray());
    }

    private static byte[] Stream(string dictionary, byte[] data)
    {
        using var stream = new MemoryStream();
        stream.Write(Ascii(Invariant($"<< {dictionary}/Length {data.Length} >>\nstream\n")));
        stream.Write(data);
        stream.Write("\nendstream"u8);
        return stream.ToArray();
    }

    private static string N(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    /// <summary>Objects laid out in the file with the byte offsets the cross-reference table needs.</summary>
    private sealed class PdfFile
    {
        private readonly ArrayBufferWriter<byte> _bytes = new(16 * 1024);
        private readonly SortedDictionary<int, long> _offsets = [];

        public PdfFile()
        {
            // The binary comment line tells transfer tools the file is not plain text.
            _bytes.Write(Encoding.Latin1.GetBytes("%PDF-1.4\n%\u00E2\u00E3\u00CF\u00D3\n"));
        }

        public void Add(int id, byte[] body)
        {
            _offsets.Add(id, _bytes.WrittenCount);
            _bytes.Write(Encoding.ASCII.GetBytes($"{id} 0 obj\n"));
            _bytes.Write(body);
            _bytes.Write("\nendobj\n"u8);
        }

        public byte[] ToArray(int size)
        {
            var xref = _bytes.WrittenCount;
            var table = new StringBuilder();
            table.Append(CultureInfo.InvariantCulture, $"xref\n0 {size}\n0000000000 65535 f \n");
            for (var id = 1; id < size; id++)
            {
                table.Append(CultureInfo.InvariantCulture, $"{_offsets[id]:D10} 00000 n \n");
            }

            table.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {size} /Root {CatalogId} 0 R >>\nstartxref\n{xref}\n%%EOF\n");
            _bytes.Write(Encoding.ASCII.GetBytes(table.ToString()));
            return _bytes.WrittenSpan.ToArray();
        }
    }
}
