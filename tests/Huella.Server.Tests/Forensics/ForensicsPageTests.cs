using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Huella.Elections.Contests;
using Huella.Elections.Forensics;
using Huella.Elections.Geography;
using Huella.Elections.Results;
using Huella.Elections.Ve2024;
using Huella.Server.Forensics;
using Huella.Testing;

namespace Huella.Server.Tests.Forensics;

public sealed partial class ForensicsPageTests
{
    private const string Hostile = "PQ. <script>alert('x')</script> & \"LA\" VEGA";

    private static readonly Lazy<ForensicsReport> Real = new(() => ForensicsAnalysis.Compute(
        ResultadosCsv.Read(SharedData.PathOf("elections", "ve-2024", "RESULTADOS_2024_CSV_V1.csv")), Venezuela2024.Presidential));

    [Fact]
    public void Every_value_from_the_table_is_html_encoded()
    {
        var html = ForensicsPage.Render(HostileReport(), ForensicsLanguage.Spanish, "/2024/forensica/plots");
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("'x'", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&amp;", html, StringComparison.Ordinal);
        Assert.Contains("&quot;LA&quot;", html, StringComparison.Ordinal);
        AssertBalanced(html);
    }

    [Fact]
    public void Spanish_and_english_pages_of_the_real_table()
    {
        var spanish = ForensicsPage.Render(Real.Value, ForensicsLanguage.Spanish, "/2024/forensica/plots/");
        Assert.StartsWith("<section class=\"forensics\" lang=\"es\">", spanish, StringComparison.Ordinal);
        Assert.Contains("24.532", spanish, StringComparison.Ordinal);
        Assert.Contains("30.026", spanish, StringComparison.Ordinal);
        Assert.Contains("81,7 %", spanish, StringComparison.Ordinal);
        Assert.Contains("Cobertura", spanish, StringComparison.Ordinal);
        Assert.Contains("src=\"/2024/forensica/plots/fingerprint-eg-mesa.svg\"", spanish, StringComparison.Ordinal);
        AssertBalanced(spanish);

        var english = ForensicsPage.Render(Real.Value, ForensicsLanguage.English, "plots");
        Assert.StartsWith("<section class=\"forensics\" lang=\"en\">", english, StringComparison.Ordinal);
        Assert.Contains("24,532", english, StringComparison.Ordinal);
        Assert.Contains("5,494", english, StringComparison.Ordinal);
        Assert.Contains("Coverage", english, StringComparison.Ordinal);
        Assert.Contains("EDO. ZULIA", english, StringComparison.Ordinal);
        Assert.Contains("140702008", english, StringComparison.Ordinal); // the most outlying centre within its parish
        AssertBalanced(english);
    }

    [Fact]
    public void Every_plot_the_page_shows_is_rendered_as_png_and_svg()
    {
        var plots = ForensicsPlots.Render(Real.Value, ForensicsLanguage.Spanish).ToDictionary(p => p.FileName);
        var html = ForensicsPage.Render(Real.Value, ForensicsLanguage.Spanish, "p");
        var referenced = PlotReference().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Equal(12, referenced.Count); // 4 fingerprints and 2 digit plots, each PNG and SVG
        Assert.Equal(referenced.Order(), plots.Keys.Order());

        foreach (var plot in plots.Values)
        {
            var bytes = plot.Bytes.Span;
            if (plot.FileName.EndsWith(".png", StringComparison.Ordinal))
            {
                Assert.Equal("image/png", plot.ContentType);
                Assert.True(bytes[..8].SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), plot.FileName);
                Assert.Equal(800u, BinaryPrimitives.ReadUInt32BigEndian(bytes[16..20]));
                Assert.Equal(700u, BinaryPrimitives.ReadUInt32BigEndian(bytes[20..24]));
            }
            else
            {
                Assert.Equal("image/svg+xml", plot.ContentType);
                var svg = XDocument.Parse(Encoding.UTF8.GetString(bytes));
                Assert.Equal("svg", svg.Root!.Name.LocalName);
                Assert.Equal("800", svg.Root.Attribute("width")!.Value);
            }
        }

        var englishTitle = Encoding.UTF8.GetString(ForensicsPlots.Render(Real.Value, ForensicsLanguage.English).Single(p => p.FileName == "fingerprint-nm-mesa.svg").Bytes.Span);
        Assert.Contains("Election fingerprint", englishTitle, StringComparison.Ordinal);
    }

    private static ForensicsReport HostileReport()
    {
        var rows = new List<ResultadosRow>();
        for (var centre = 1; centre <= 6; centre++)
        {
            var code = CentreCode.Parse(string.Create(CultureInfo.InvariantCulture, $"0101010{centre:D2}"));
            var votes = new int[Venezuela2024.Presidential.Candidates.Length];
            votes[0] = 200 + 7 * centre;
            votes[1] = 150 - 3 * centre;
            rows.Add(new ResultadosRow(new MesaResult(new MesaId(code, 1), 600, ImmutableArray.Create(votes), 2), "EDO. <b>", "MP. </td>", Hostile, ""));
        }

        return ForensicsAnalysis.Compute(rows, Venezuela2024.Presidential);
    }

    /// <summary>Every element the fragment opens (other than img) is closed, in order.</summary>
    private static void AssertBalanced(string html)
    {
        var open = new Stack<string>();
        foreach (Match tag in Tag().Matches(html))
        {
            var name = tag.Groups[2].Value;
            if (name == "img")
            {
                continue;
            }

            if (tag.Groups[1].Value == "/")
            {
                Assert.Equal(name, open.Pop());
            }
            else
            {
                open.Push(name);
            }
        }

        Assert.Empty(open);
    }

    [GeneratedRegex("<(/?)([a-z0-9]+)[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex("(?:src|href)=\"p/([^\"]+)\"")]
    private static partial Regex PlotReference();
}
