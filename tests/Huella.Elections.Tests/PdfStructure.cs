using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Huella.Elections.Tests;

/// <summary>
/// Reads a PDF the way a strict reader starts: header, startxref, the cross-reference table, the
/// trailer, then every object at the offset the table gives. Fails loudly on any inconsistency.
/// Enough for the uncompressed-xref PDFs our writer makes; not a general PDF parser.
/// </summary>
internal sealed partial class PdfStructure
{
    private readonly byte[] _file;
    private readonly string _text;

    public PdfStructure(byte[] file)
    {
        _file = file;
        _text = Encoding.Latin1.GetString(file);
        Assert.StartsWith("%PDF-1.4\n", _text, StringComparison.Ordinal);
        var tail = StartXref().Match(_text);
        Assert.True(tail.Success, "no startxref … %%EOF at the end of the file");
        var xref = int.Parse(tail.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal("xref\n", _text.Substring(xref, 5));

        var subsection = XrefSubsection().Match(_text, xref + 5);
        Assert.True(subsection.Success && subsection.Index == xref + 5, "no xref subsection header");
        Assert.Equal("0", subsection.Groups[1].Value);
        var count = int.Parse(subsection.Groups[2].Value, CultureInfo.InvariantCulture);
        var entries = subsection.Index + subsection.Length;
        for (var id = 0; id < count; id++)
        {
            var entry = _text.Substring(entries + (id * 20), 20);
            Assert.Matches(XrefEntry(), entry);
            if (id == 0)
            {
                Assert.EndsWith(" 65535 f \n", entry, StringComparison.Ordinal);
                continue;
            }

            Assert.EndsWith(" 00000 n \n", entry, StringComparison.Ordinal);
            var offset = int.Parse(entry.AsSpan(0, 10), CultureInfo.InvariantCulture);
            var header = $"{id} 0 obj\n";
            Assert.True(_text.AsSpan(offset).StartsWith(header, StringComparison.Ordinal), $"object {id} is not at offset {offset}");
            var end = _text.IndexOf("\nendobj\n", offset, StringComparison.Ordinal);
            Assert.True(end > offset, $"object {id} has no endobj");
            Objects[id] = (offset + header.Length, end);
        }

        var trailer = _text[(entries + (count * 20))..];
        var dictionary = Trailer().Match(trailer);
        Assert.True(dictionary.Success, "no trailer dictionary after the xref table");
        Assert.Equal(count, int.Parse(dictionary.Groups[1].Value, CultureInfo.InvariantCulture));
        Root = int.Parse(dictionary.Groups[2].Value, CultureInfo.InvariantCulture);
        Assert.Contains("/Type /Catalog", Object(Root), StringComparison.Ordinal);
    }

    public Dictionary<int, (int Start, int End)> Objects { get; } = [];

    public int Root { get; }

    public string Object(int id) => _text[Objects[id].Start..Objects[id].End];

    /// <summary>The page objects reached from the catalog through the page tree, in order.</summary>
    public List<int> Pages()
    {
        var pagesRef = Reference(Object(Root), "Pages");
        var tree = Object(pagesRef);
        Assert.Contains("/Type /Pages", tree, StringComparison.Ordinal);
        var kids = Kids().Match(tree);
        Assert.True(kids.Success, "the page tree has no /Kids");
        var pages = References().Matches(kids.Groups[1].Value).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(pages.Count, Integer(tree, "Count"));
        foreach (var page in pages)
        {
            Assert.Contains("/Type /Page ", Object(page), StringComparison.Ordinal);
        }

        return pages;
    }

    /// <summary>The decoded bytes of a stream object, checked against its /Length.</summary>
    public byte[] Stream(int id)
    {
        var body = Object(id);
        var start = body.IndexOf(">>\nstream\n", StringComparison.Ordinal);
        Assert.True(start > 0, $"object {id} is not a stream");
        var length = Integer(body[..start], "Length");
        var dataStart = Objects[id].Start + start + ">>\nstream\n".Length;
        Assert.Equal("\nendstream", _text.Substring(dataStart + length, "\nendstream".Length));
        var data = _file.AsSpan(dataStart, length).ToArray();
        if (!body[..start].Contains("/Filter /FlateDecode", StringComparison.Ordinal))
        {
            return data;
        }

        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(new MemoryStream(data), CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        return inflated.ToArray();
    }

    /// <summary>The page's content stream as text (our writer keeps it ASCII).</summary>
    public string Content(int page) => Encoding.ASCII.GetString(Stream(Reference(Object(page), "Contents")));

    /// <summary>The image XObjects a page's resources name.</summary>
    public List<int> Images(int page)
    {
        var xobjects = XObjects().Match(Object(page));
        return xobjects.Success
            ? [.. References().Matches(xobjects.Groups[1].Value).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))]
            : [];
    }

    public static int Integer(string dictionary, string key)
    {
        var match = Regex.Match(dictionary, $@"/{key} (\d+)\b");
        Assert.True(match.Success, $"no /{key} in {dictionary}");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static int Reference(string dictionary, string key)
    {
        var match = Regex.Match(dictionary, $@"/{key} (\d+) 0 R");
        Assert.True(match.Success, $"no /{key} reference in {dictionary}");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"startxref\n(\d+)\n%%EOF\n?$")]
    private static partial Regex StartXref();

    [GeneratedRegex(@"(\d+) (\d+)\n")]
    private static partial Regex XrefSubsection();

    [GeneratedRegex(@"^\d{10} \d{5} [fn] \n$")]
    private static partial Regex XrefEntry();

    [GeneratedRegex(@"^trailer\n<< /Size (\d+) /Root (\d+) 0 R >>\nstartxref\n")]
    private static partial Regex Trailer();

    [GeneratedRegex(@"/Kids \[([^\]]*)\]")]
    private static partial Regex Kids();

    [GeneratedRegex(@"(\d+) 0 R")]
    private static partial Regex References();

    [GeneratedRegex(@"/XObject << ([^>]*) >>")]
    private static partial Regex XObjects();
}
