using System.Globalization;
using Huella.Elections.Actas;

namespace Huella.Elections.Printing;

/// <summary>Where everything goes on the printed acta. One page whatever the number of cards: rows shrink to fit.</summary>
internal static class ActaLayout
{
    private const double Left = 40, Right = PrintedPage.A4Width - 40, Split = 318, ColumnTop = 126, ColumnBottom = 580;
    private const double QrSize = 200, QrTop = 600;

    public static PrintedPage Build(SignedActa signed, ActaPrintOptions options)
    {
        ArgumentNullException.ThrowIfNull(signed);
        ArgumentNullException.ThrowIfNull(options);
        var acta = signed.Acta;
        var contest = options.Contest;
        if (contest is not null && contest.Cards.Length != acta.CardVotes.Length)
        {
            throw new ArgumentException($"The contest has {contest.Cards.Length} cards, the acta counts {acta.CardVotes.Length}.", nameof(options));
        }

        var page = new PrintedPage(PrintedPage.A4Width, PrintedPage.A4Height);
        Header(page, signed, options);
        Column(page, Left, Split - 18, CardSections(acta, options));
        Column(page, Split, Right, SummarySections(acta, options));
        Footer(page, signed, options);
        return page;
    }

    private static void Header(PrintedPage page, SignedActa signed, ActaPrintOptions options)
    {
        var acta = signed.Acta;
        var mesa = acta.Mesa;
        var centre = mesa.Centre;
        page.Text(Left, 52, 16, FontFace.Bold, acta.Kind == ActaKind.Opening ? "ACTA DE INICIALIZACIÓN" : "ACTA DE ESCRUTINIO");
        page.Text(Right, 52, 11, FontFace.Bold, $"Mesa {mesa}", TextAlign.Right);
        var election = options.Contest is { } contest ? $"Elección {acta.ElectionId} · {contest.Name}" : Invariant($"Elección {acta.ElectionId} · Contienda {acta.Contest + 1}");
        if (acta.MarksPerBallot > 1)
        {
            election += Invariant($" · hasta {acta.MarksPerBallot} marcas por boleta");
        }

        page.Text(Left, 70, 10, FontFace.Regular, Fit(election, FontFace.Regular, 10, Right - Left));
        page.Text(Left, 85, 10, FontFace.Regular, Invariant(
            $"Estado {centre.State:D2} · Municipio {centre.Municipality:D2} · Parroquia {centre.Parish:D2} · Centro {centre.Value % 1000:D3} ({centre}) · Mesa {mesa.Number:D2}"));
        var machine = signed.Signatures.FirstOrDefault(s => s.Role == SignerRole.Machine);
        var machineId = machine.KeyId.IsDefault ? "sin firma de máquina" : Hex(machine.KeyId);
        var closed = DateTimeOffset.FromUnixTimeSeconds(acta.ClosedAt).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        page.Text(Left, 100, 10, FontFace.Regular, $"Máquina {machineId} · {(acta.Kind == ActaKind.Opening ? "Apertura" : "Cierre")} {closed}");
        page.Rule(Left, 110, Right, 110, 1);
    }

    private static List<Section> CardSections(Acta acta, ActaPrintOptions options)
    {
        var contest = options.Contest;
        var rows = new List<Row>(acta.CardVotes.Length);
        for (var i = 0; i < acta.CardVotes.Length; i++)
        {
            var number = Invariant($"{i + 1}");
            rows.Add(contest is null
                ? new Row(number, $"Tarjeta {i + 1}", null, Count(acta.CardVotes[i]))
                : new Row(number, contest.Cards[i].Party, contest.Candidates[contest.Cards[i].CandidateIndex].Code, Count(acta.CardVotes[i])));
        }

        return [new Section("Votos por tarjeta", rows)];
    }

    private static List<Section> SummarySections(Acta acta, ActaPrintOptions options)
    {
        var sections = new List<Section>();
        if (options.Contest is { } contest)
        {
            var votes = contest.CandidateVotes(acta.CardVotes.AsSpan());
            sections.Add(new Section("Votos por candidato",
                [.. contest.Candidates.Select((c, i) => new Row(c.Code, c.Name, null, Count(votes[i])))]));
        }

        var valid = acta.CardVotes.Sum(v => (long)v);
        sections.Add(new Section("Votos",
        [
            new(null, "Votos válidos", null, Count(valid)),
            new(null, "Votos nulos", null, Count(acta.NullVotes)),
            new(null, "Votos en blanco", null, Count(acta.BlankVotes)),
            new(null, "Boletas depositadas", null, Count(acta.BallotsCast)),
        ]));
        sections.Add(new Section("Electores",
        [
            new(null, "Electores inscritos en la mesa", null, Count(acta.RegisteredElectors)),
            new(null, "Electores autenticados", null, Count(acta.ElectorsAuthenticated)),
        ]));
        sections.Add(new Section("Incidencias de autenticación",
            [.. acta.Incidents.Select((n, i) => new Row(null, ActaPrint.IncidentName((IncidentKind)i), null, Count(n)))]));
        return sections;
    }

    private static void Column(PrintedPage page, double x0, double x1, List<Section> sections)
    {
        var lines = sections.Sum(s => s.Rows.Count + 1.6);
        var line = Math.Min(11.5, (ColumnBottom - ColumnTop) / lines);
        var size = Math.Min(9, line * 0.85);
        var numbered = sections.Any(s => s.Rows.Any(r => r.Number is not null));
        var noted = sections.Any(s => s.Rows.Any(r => r.Note is not null));
        var numberRight = x0 + sections.SelectMany(s => s.Rows).Select(r => PdfFonts.Measure(r.Number ?? "000", FontFace.Regular, size)).DefaultIfEmpty(0).Max();
        var labelLeft = numbered ? numberRight + 5 : x0;
        var valueRight = x1;
        var noteLeft = noted ? x1 - 40 - PdfFonts.Measure("MMMM", FontFace.Regular, size) : x1;
        var y = ColumnTop;
        foreach (var section in sections)
        {
            page.Text(x0, y, Math.Min(10, size + 1), FontFace.Bold, section.Title);
            page.Rule(x0, y + 3, x1, y + 3);
            y += line * 1.3;
            foreach (var row in section.Rows)
            {
                if (row.Number is not null)
                {
                    page.Text(numberRight, y, size, FontFace.Regular, row.Number, TextAlign.Right);
                }

                var labelRight = (noted ? noteLeft : valueRight - 40) - 4;
                page.Text(labelLeft, y, size, FontFace.Regular, Fit(row.Label, FontFace.Regular, size, labelRight - labelLeft));
                if (row.Note is not null)
                {
                    page.Text(noteLeft, y, size, FontFace.Regular, Fit(row.Note, FontFace.Regular, size, valueRight - 40 - noteLeft));
                }

                page.Text(valueRight, y, size, FontFace.Bold, row.Value, TextAlign.Right);
                y += line;
            }

            y += line * 0.3;
        }
    }

    private static void Footer(PrintedPage page, SignedActa signed, ActaPrintOptions options)
    {
        var acta = signed.Acta;
        var encoded = signed.Encode();
        var modules = ActaQr.Modules(encoded);
        page.Rule(Left, QrTop - 8, Right, QrTop - 8, 1);

        var textRight = Right - QrSize - 12;
        var y = QrTop + 10;
        page.Text(Left, y, 10, FontFace.Bold, "Registro de la mesa (hash de cabeza, SHA-256)");
        var head = Hex(acta.LogHead);
        for (var i = 0; i < head.Length; i += 32)
        {
            y += 12;
            page.Text(Left, y, 9.5, FontFace.Mono, head.Substring(i, Math.Min(32, head.Length - i)));
        }

        y += 22;
        page.Text(Left, y, 10, FontFace.Bold, "Firmas (Ed25519, id de clave)");
        foreach (var signature in signed.Signatures)
        {
            y += 12;
            var role = signature.Role == SignerRole.Machine ? "Máquina" : "Miembro de mesa";
            var holder = options.Keys?.Find(signature.KeyId)?.Holder;
            page.Text(Left, y, 9, FontFace.Regular, role);
            page.Text(Left + 75, y, 9, FontFace.Mono, Hex(signature.KeyId));
            if (!string.IsNullOrEmpty(holder))
            {
                var holderLeft = Left + 75 + PdfFonts.Measure(Hex(signature.KeyId), FontFace.Mono, 9) + 14;
                page.Text(holderLeft, y, 9, FontFace.Regular, Fit(holder, FontFace.Regular, 9, textRight - holderLeft));
            }
        }

        y = Math.Max(y + 24, QrTop + QrSize - 24);
        page.Text(Left, y, 8, FontFace.Regular, "El QR contiene el acta completa y sus firmas. Verifíquela sin conexión");
        page.Text(Left, y + 10, 8, FontFace.Regular, "con las claves publicadas: huella acta verify FOTO.png --keys claves.json");

        page.Items.Add(new QrItem(Right - QrSize, QrTop, QrSize, modules));
        page.Text(Right - (QrSize / 2), QrTop + QrSize + 12, 8, FontFace.Regular,
            Invariant($"Acta firmada: {encoded.Length} bytes, QR versión {ActaQr.Version(modules)}-M"), TextAlign.Center);
    }

    private static string Fit(string text, FontFace face, double size, double width)
    {
        if (PdfFonts.Measure(text, face, size) <= width)
        {
            return text;
        }

        for (var n = text.Length - 1; n > 0; n--)
        {
            var cut = string.Concat(text.AsSpan(0, n).TrimEnd(), "…");
            if (PdfFonts.Measure(cut, face, size) <= width)
            {
                return cut;
            }
        }

        return "…";
    }

    private static string Count(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Hex(System.Collections.Immutable.ImmutableArray<byte> bytes) => Convert.ToHexStringLower(bytes.AsSpan());

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Section(string Title, List<Row> Rows);

    /// <summary>One printed line: an optional ballot number, a label, an optional note (the card's candidate), the count.</summary>
    private sealed record Row(string? Number, string Label, string? Note, string Value);
}
