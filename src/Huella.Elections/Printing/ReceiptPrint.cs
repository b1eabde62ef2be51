using System.Globalization;
using Huella.Elections.Contests;
using Huella.Elections.Geography;
using Huella.Elections.Station;

namespace Huella.Elections.Printing;

/// <summary>
/// The comprobante the voter reads and drops in the box: the mesa, the contest and the choice,
/// and nothing else. It takes no elector, no time and no sequence number, so it cannot print them;
/// two voters with the same choice at the same mesa get byte-identical paper (and PDF).
/// </summary>
public static class ReceiptPrint
{
    /// <summary>An 80 mm thermal roll, the width receipt printers at the mesa use.</summary>
    private const double Width = 226.77, Margin = 12, Height = 182;

    /// <summary>The receipt's lines, as the machine prints them.</summary>
    public static IReadOnlyList<string> Lines(MesaId mesa, SingleSeatContest contest, BallotChoice choice)
    {
        ArgumentNullException.ThrowIfNull(contest);
        var centre = mesa.Centre;
        var (what, who) = Choice(contest, choice);
        List<string> lines =
        [
            "COMPROBANTE DE VOTO",
            contest.Name,
            $"Mesa {mesa}",
            string.Create(CultureInfo.InvariantCulture, $"Estado {centre.State:D2} · Municipio {centre.Municipality:D2} · Parroquia {centre.Parish:D2} · Centro {centre.Value % 1000:D3}"),
            what,
        ];
        if (who is not null)
        {
            lines.Add(who);
        }

        lines.Add("Revise su voto y deposítelo en la caja de resguardo.");
        return lines;
    }

    public static string Text(MesaId mesa, SingleSeatContest contest, BallotChoice choice) =>
        string.Join('\n', Lines(mesa, contest, choice)) + "\n";

    /// <summary>The receipt as a one-page PDF the width of a receipt roll.</summary>
    public static byte[] RenderPdf(MesaId mesa, SingleSeatContest contest, BallotChoice choice) =>
        PdfWriter.Write([Layout(Lines(mesa, contest, choice))]);

    private static (string What, string? Who) Choice(SingleSeatContest contest, BallotChoice choice)
    {
        if (choice.IsNull)
        {
            return ("VOTO NULO", null);
        }

        if (choice.IsBlank)
        {
            return ("VOTO EN BLANCO", null);
        }

        if ((uint)choice.Card >= (uint)contest.Cards.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(choice), choice.Card, "No such card on the ballot.");
        }

        var card = contest.Cards[choice.Card];
        return (string.Create(CultureInfo.InvariantCulture, $"Tarjeta {choice.Card + 1}: {card.Party}"), contest.Candidates[card.CandidateIndex].Name);
    }

    private static PrintedPage Layout(IReadOnlyList<string> lines)
    {
        var page = new PrintedPage(Width, Height);
        var centre = Width / 2;
        var usable = Width - (2 * Margin);
        page.Text(centre, 26, Shrink(lines[0], FontFace.Bold, 13, usable), FontFace.Bold, lines[0], TextAlign.Center);
        page.Text(centre, 44, Shrink(lines[1], FontFace.Regular, 9, usable), FontFace.Regular, lines[1], TextAlign.Center);
        page.Text(centre, 58, Shrink(lines[2], FontFace.Regular, 9, usable), FontFace.Regular, lines[2], TextAlign.Center);
        page.Text(centre, 70, Shrink(lines[3], FontFace.Regular, 7, usable), FontFace.Regular, lines[3], TextAlign.Center);
        page.Rule(Margin, 80, Width - Margin, 80);
        var y = 102.0;
        for (var i = 4; i < lines.Count - 1; i++)
        {
            var face = i == 4 ? FontFace.Bold : FontFace.Regular;
            page.Text(centre, y, Shrink(lines[i], face, 12, usable), face, lines[i], TextAlign.Center);
            y += 18;
        }

        page.Rule(Margin, 146, Width - Margin, 146);
        page.Text(centre, 164, Shrink(lines[^1], FontFace.Regular, 8, usable), FontFace.Regular, lines[^1], TextAlign.Center);
        return page;
    }

    /// <summary>The largest size up to <paramref name="size"/> at which the text fits the roll.</summary>
    private static double Shrink(string text, FontFace face, double size, double width)
    {
        var measured = PdfFonts.Measure(text, face, size);
        return measured <= width ? size : Math.Floor(size * width / measured * 10) / 10;
    }
}
