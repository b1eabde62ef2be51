using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Huella.Server.Portal;

/// <summary>
/// Writes HTML where every text and every attribute value is encoded on the way in: a page is
/// built only from tag and attribute names (constants in the pages) and encoded values, never
/// from a string that could carry markup.
/// </summary>
internal sealed class Html
{
    // Every script kept readable (names with accents, ñ), only markup characters escaped.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    private readonly StringBuilder _out = new(16 * 1024);

    public Html Open(string tag, params ReadOnlySpan<(string Name, string? Value)> attributes)
    {
        _out.Append('<').Append(tag);
        foreach (var (name, value) in attributes)
        {
            if (value is not null)
            {
                _out.Append(' ').Append(name).Append("=\"");
                Encoder.Encode(new StringWriter(_out), value);
                _out.Append('"');
            }
        }

        _out.Append('>');
        return this;
    }

    public Html Close(string tag)
    {
        _out.Append("</").Append(tag).Append('>');
        return this;
    }

    public Html Text(string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            Encoder.Encode(new StringWriter(_out), text);
        }

        return this;
    }

    /// <summary>An element holding only text.</summary>
    public Html Element(string tag, string? text, params ReadOnlySpan<(string Name, string? Value)> attributes) =>
        Open(tag, attributes).Text(text).Close(tag);

    public Html Link(string href, string text) => Open("a", ("href", href)).Text(text).Close("a");

    /// <summary>A table row of header or data cells holding text.</summary>
    public Html Row(string cell, params ReadOnlySpan<string?> cells)
    {
        Open("tr");
        foreach (var text in cells)
        {
            Element(cell, text);
        }

        return Close("tr");
    }

    /// <summary>
    /// Appends markup another renderer produced with every value already encoded (the forensics
    /// page, the scan result): never text from a request or a file.
    /// </summary>
    public Html Trusted(string markup)
    {
        _out.Append(markup);
        return this;
    }

    public override string ToString() => _out.ToString();
}
