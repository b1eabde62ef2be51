using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Huella.Elections.Forensics;
using Huella.Elections.Geography;

namespace Huella.Server.Forensics;

/// <summary>
/// The forensics page body as an HTML fragment, to be placed inside the portal's layout. Every
/// value from the report is HTML-encoded; plots are referenced as <c>{plotBase}/{file}</c> with the
/// names <see cref="ForensicsPlots.Render"/> gives them.
/// </summary>
public static class ForensicsPage
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static readonly NumberFormatInfo SpanishNumbers = new()
    {
        NumberDecimalSeparator = ",",
        NumberGroupSeparator = ".",
        NegativeSign = "−",
    };

    private static readonly NumberFormatInfo EnglishNumbers = new()
    {
        NumberDecimalSeparator = ".",
        NumberGroupSeparator = ",",
        NegativeSign = "−",
    };

    public static string Render(ForensicsReport report, ForensicsLanguage language, string plotBase)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(report, language, plotBase, writer);
        return writer.ToString();
    }

    public static void Write(ForensicsReport report, ForensicsLanguage language, string plotBase, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(plotBase);
        ArgumentNullException.ThrowIfNull(output);
        var page = new PageWriter(output, language, plotBase.TrimEnd('/'));
        page.Write(report);
    }

    private sealed class PageWriter(TextWriter output, ForensicsLanguage language, string plotBase)
    {
        private readonly NumberFormatInfo _numbers = language == ForensicsLanguage.English ? EnglishNumbers : SpanishNumbers;

        public void Write(ForensicsReport r)
        {
            Raw($"<section class=\"forensics\" lang=\"{(language == ForensicsLanguage.English ? "en" : "es")}\">\n");
            Element("h1", T("Forense electoral: presidenciales 2024", "Election forensics: 2024 presidential election"));
            Element("p", T(
                $"Estadísticas de la tabla por mesa publicada por la oposición a partir de las actas que recogieron sus testigos: {Int(r.Mesas)} mesas de {Int(r.Centres)} centros, {Int(r.Electors)} electores, participación {Pct(r.Turnout)}. {r.WinnerName} obtiene {Pct(r.WinnerShare)} de los votos válidos y {r.RunnerUpName} {Pct(r.RunnerUpShare)}. Estas pruebas señalan dónde mirar; ninguna prueba por sí sola un fraude.",
                $"Statistics of the per-mesa table the opposition published from the actas its witnesses collected: {Int(r.Mesas)} mesas in {Int(r.Centres)} centres, {Int(r.Electors)} electors, turnout {Pct(r.Turnout)}. {r.WinnerName} has {Pct(r.WinnerShare)} of valid votes and {r.RunnerUpName} {Pct(r.RunnerUpShare)}. These tests point where to look; none of them alone proves fraud."));
            WriteCoverage(r.Coverage);
            WriteFingerprints(r);
            WriteDigits(r.Digits);
            foreach (var outliers in r.Outliers)
            {
                WriteOutliers(outliers);
            }

            Raw("</section>\n");
        }

        private void WriteCoverage(Coverage c)
        {
            Element("h2", T("Cobertura", "Coverage"));
            Element("p", T(
                $"La tabla tiene {Int(c.Mesas)} de las {Int(c.NationalMesas)} mesas de la elección ({Pct(c.Fraction)}); le faltan {Int(c.Missing)}. Fuente del total: {(c.NationalMesasSource == Coverage.Cne2024Source ? Coverage.Cne2024SourceSpanish : c.NationalMesasSource)}. Los totales de mesas por estado del CNE no están entre los datos públicos que usamos, así que por estado solo se da una cota inferior: los números de mesa ausentes en los centros presentes ({Int(c.MesaNumberGaps)} en total).",
                $"The table has {Int(c.Mesas)} of the election's {Int(c.NationalMesas)} mesas ({Pct(c.Fraction)}); it lacks {Int(c.Missing)}. Source of the total: {c.NationalMesasSource}. The CNE's per-state mesa totals are not among the public data used here, so per state only a lower bound is given: mesa numbers missing in the centres present ({Int(c.MesaNumberGaps)} in all)."));
            Raw("<table>\n");
            Element("caption", T("Mesas de la tabla por estado", "Mesas in the table by state"));
            Header(T("Estado", "State"), T("Mesas", "Mesas"), T("Centros", "Centres"), T("Electores", "Electors"), T("Números de mesa ausentes", "Missing mesa numbers"));
            Raw("<tbody>\n");
            foreach (var s in c.States)
            {
                Row(s.Name, Int(s.Mesas), Int(s.Centres), Int(s.Electors), Int(s.MesaNumberGaps));
            }

            Raw("</tbody>\n</table>\n");
        }

        private void WriteFingerprints(ForensicsReport r)
        {
            Element("h2", T("Huella electoral (participación × voto)", "Election fingerprint (turnout × share)"));
            Element("p", T(
                "Cada celda cuenta las mesas (o centros) con esa participación y ese porcentaje del candidato (Klimek, Yegorov, Hanel y Thurner, PNAS 2012). Una elección limpia da una nube más o menos redonda; el relleno de urnas a favor de un candidato arrastra unidades hacia la esquina de 100 % de participación y 100 % de votos. Se cuentan las unidades con ambos valores ≥ 90 % y las que superan en ambos la mediana nacional en más de 3 desviaciones robustas, y se da la correlación entre participación y voto con su valor p (transformada de Fisher); una correlación positiva aparece también cuando los bastiones de un candidato votan más. Una mancha así es motivo para revisar esas actas, no una prueba: comunidades muy homogéneas también votan así.",
                "Each cell counts the mesas (or centres) with that turnout and that share for the candidate (Klimek, Yegorov, Hanel and Thurner, PNAS 2012). A clean election gives a roughly round cloud; ballot stuffing for a candidate drags units toward the corner of 100 % turnout and 100 % share. Counted: units with both values ≥ 90 %, and units more than 3 robust standard deviations above the national median on both; the correlation of turnout and share is given with its p-value (Fisher's transform), and a positive one also appears when a candidate's strongholds vote more. Such a smear is a reason to check those actas, not a proof: very homogeneous communities vote that way too."));
            Raw("<table>\n");
            Element("caption", T("Huella electoral: resumen", "Election fingerprint: summary"));
            Header(T("Candidato", "Candidate"), T("Unidad", "Unit"), T("Unidades", "Units"), T("Participación mediana", "Median turnout"),
                T("Voto mediano", "Median share"), T("Correlación", "Correlation"), T("p (r = 0)", "p (r = 0)"), T("Esquina ≥ 90 %", "Corner ≥ 90 %"), T("Atípicas en ambos (z > 3)", "Outlying on both (z > 3)"));
            Raw("<tbody>\n");
            foreach (var f in r.Fingerprints)
            {
                Row(Name(r, f.Candidate), Level(f.Level), Int(f.Units), Pct(f.MedianTurnout), Pct(f.MedianShare), Num(f.Correlation, "N3"), PValue(f.CorrelationPValue), Int(f.CornerUnits), Int(f.JointOutliers));
            }

            Raw("</tbody>\n</table>\n");
            foreach (var f in r.Fingerprints)
            {
                var name = ForensicsPlots.FingerprintName(f);
                var alt = T($"Histograma 2D de participación por porcentaje de {Name(r, f.Candidate)}, por {Level(f.Level)}",
                    $"2D histogram of turnout by {Name(r, f.Candidate)}'s share, per {Level(f.Level)}");
                Figure(name, alt);
            }
        }

        private void WriteDigits(DigitSummary d)
        {
            Element("h2", T("Pruebas de dígitos", "Digit tests"));
            Element("p", T(
                $"Último dígito de los votos por mesa ≥ {Int(d.LastDigitThreshold)} contra la distribución uniforme, y segundo dígito de los votos ≥ {Int(d.SecondDigitThreshold)} contra la ley de Benford (prueba 2BL de Mebane); χ² de Pearson con 9 grados de libertad y su valor p exacto. Con decenas de miles de mesas, desviaciones pequeñas dan valores p diminutos: el último dígito se sesga cuando la distribución de votos cae con fuerza entre 100 y 200, y el segundo dígito se aparta de Benford también en elecciones limpias. Una prueba sin al menos 5 casos esperados por dígito no se interpreta.",
                $"Last digit of per-mesa counts ≥ {Int(d.LastDigitThreshold)} against uniform, and second digit of counts ≥ {Int(d.SecondDigitThreshold)} against Benford's law (Mebane's 2BL test); Pearson's χ² with 9 degrees of freedom and its exact p-value. With tens of thousands of mesas, small departures give tiny p-values: the last digit is biased when the count distribution falls steeply between 100 and 200, and second digits depart from Benford in clean elections too. A test with fewer than 5 expected cases per digit is not interpreted."));
            Raw("<table>\n");
            Element("caption", T("Pruebas de dígitos por candidato", "Digit tests by candidate"));
            Header(T("Candidato", "Candidate"), T("Último dígito: n", "Last digit: n"), "χ²", "p", T("Segundo dígito: n", "Second digit: n"), "χ²", "p");
            Raw("<tbody>\n");
            foreach (var c in d.Candidates)
            {
                Row(c.Name, Int(c.LastDigit.Count), Stat(c.LastDigit), P(c.LastDigit), Int(c.SecondDigit.Count), Stat(c.SecondDigit), P(c.SecondDigit));
            }

            Raw("</tbody>\n</table>\n");
            Figure(ForensicsPlots.LastDigitName, T("Frecuencia del último dígito de los dos primeros candidatos frente a la uniforme", "Last-digit frequencies of the two leading candidates against uniform"));
            Figure(ForensicsPlots.SecondDigitName, T("Frecuencia del segundo dígito de los dos primeros candidatos frente a Benford", "Second-digit frequencies of the two leading candidates against Benford"));
        }

        private void WriteOutliers(CentreOutliers o)
        {
            var within = o.Within == GeoLevel.Parish ? T("su parroquia", "its parish") : T("su estado", "its state");
            Element("h2", T($"Centros atípicos dentro de {within}", $"Outlying centres within {within}"));
            Element("p", T(
                $"Puntuación z robusta (mediana y MAD × 1,4826) de la participación y del voto del ganador de cada centro frente a los centros de {within}, en grupos de al menos {Int(o.MinimumGroup)} centros: {Int(o.Groups)} grupos, {Int(o.CentresScored)} centros, {Int(o.Beyond)} con |z| > {Num(o.Threshold, "N1")}. Los {Int(o.MostExtreme.Length)} más extremos:",
                $"Robust z-score (median and MAD × 1.4826) of each centre's turnout and winner's share against the centres of {within}, in groups of at least {Int(o.MinimumGroup)} centres: {Int(o.Groups)} groups, {Int(o.CentresScored)} centres, {Int(o.Beyond)} with |z| > {Num(o.Threshold, "N1")}. The {Int(o.MostExtreme.Length)} most extreme:"));
            Raw("<table>\n");
            Element("caption", T($"Centros más atípicos dentro de {within}", $"Most outlying centres within {within}"));
            Header(T("Centro", "Centre"), T("Estado", "State"), T("Municipio", "Municipality"), T("Parroquia", "Parish"), T("Mesas", "Mesas"),
                T("Electores", "Electors"), T("Participación", "Turnout"), "z", T("Voto del ganador", "Winner's share"), "z");
            Raw("<tbody>\n");
            foreach (var c in o.MostExtreme)
            {
                Row(c.Centre.ToString(), c.State, c.Municipality, c.Parish, Int(c.Mesas), Int(c.Electors), Pct(c.Turnout), Z(c.TurnoutZ), Pct(c.WinnerShare), Z(c.WinnerShareZ));
            }

            Raw("</tbody>\n</table>\n");
        }

        private void Figure(string name, string alt)
        {
            Raw("<figure>\n");
            Raw($"<img src=\"{Attr($"{plotBase}/{name}.svg")}\" alt=\"{Attr(alt)}\" width=\"800\" height=\"700\">\n");
            Raw($"<figcaption>{Encoder.Encode(alt)} (<a href=\"{Attr($"{plotBase}/{name}.png")}\">PNG</a>, <a href=\"{Attr($"{plotBase}/{name}.svg")}\">SVG</a>)</figcaption>\n");
            Raw("</figure>\n");
        }

        private void Header(params string[] cells)
        {
            Raw("<thead><tr>");
            foreach (var cell in cells)
            {
                Raw($"<th scope=\"col\">{Encoder.Encode(cell)}</th>");
            }

            Raw("</tr></thead>\n");
        }

        private void Row(params string[] cells)
        {
            Raw("<tr>");
            for (var i = 0; i < cells.Length; i++)
            {
                Raw(i == 0 ? $"<th scope=\"row\">{Encoder.Encode(cells[i])}</th>" : $"<td>{Encoder.Encode(cells[i])}</td>");
            }

            Raw("</tr>\n");
        }

        private void Element(string tag, string text) => Raw($"<{tag}>{Encoder.Encode(text)}</{tag}>\n");

        private void Raw(string html) => output.Write(html);

        private static string Attr(string value) => Encoder.Encode(value);

        private string T(string spanish, string english) => language == ForensicsLanguage.English ? english : spanish;

        private string Level(GeoLevel level) => level == GeoLevel.Mesa ? T("mesa", "mesa") : T("centro", "centre");

        private static string Name(ForensicsReport r, string code) =>
            code == r.Winner ? r.WinnerName : code == r.RunnerUp ? r.RunnerUpName : code;

        private string Int(long value) => value.ToString("N0", _numbers);

        private string Num(double value, string format) => value.ToString(format, _numbers);

        private string Pct(double fraction) => $"{(100 * fraction).ToString("N1", _numbers)} %";

        private string Z(double? z) => z is { } v ? v.ToString("N2", _numbers) : "—";

        private string Stat(ChiSquareTest test) => test.Sufficient ? test.Statistic.ToString("N2", _numbers) : "—";

        private string P(ChiSquareTest test) => test.Sufficient ? PValue(test.PValue) : T("muy pocos casos", "too few counts");

        private string PValue(double p) =>
            p < 1e-300 ? "< 1E-300" : p < 1e-4 ? p.ToString("0.0E+0", _numbers) : p.ToString("N4", _numbers);
    }
}
