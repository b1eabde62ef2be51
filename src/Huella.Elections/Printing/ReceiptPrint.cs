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
internal static class ReceiptPrint
{
    /// <summary>An 80 mm thermal roll, the width receipt printers at the mesa use.</summary>
    private const double Width = 226.77, Margin = 12, HeaderHeight = 80, BottomMargin = 18, ContestGap = 8;

    /// <summary>The receipt's lines for a one-contest ballot, as the machine prints them.</summary>
    public static IReadOnlyList<string> Lines(MesaId mesa, BallotContest contest, BallotChoice choice) =>
        Lines(mesa, [contest], new Ballot(choice));

    /// <summary>The receipt's lines: the mesa, then each contest's name and what the ballot says in it.</summary>
    public static IReadOnlyList<string> Lines(MesaId mesa, IReadOnlyList<BallotContest> contests, Ballot ballot) =>
        [.. Composed(mesa, contests, ballot).Select(l => l.Text)];

    public static string Text(MesaId mesa, BallotContest contest, BallotChoice choice) =>
        Text(mesa, [contest], new Ballot(choice));

    public static string Text(MesaId mesa, IReadOnlyList<BallotContest> contests, Ballot ballot) =>
        string.Join('\n', Lines(mesa, contests, ballot)) + "\n";

    /// <summary>The receipt as a one-page PDF the width of a receipt roll.</summary>
    public static byte[] RenderPdf(MesaId mesa, BallotContest contest, BallotChoice choice) =>
        RenderPdf(mesa, [contest], new Ballot(choice));

    /// <summary>The receipt as a one-page PDF the width of a receipt roll, as long as the ballot needs.</summary>
    public static byte[] RenderPdf(MesaId mesa, IReadOnlyList<BallotContest> contests, Ballot ballot) =>
        PdfWriter.Write([Layout(Composed(mesa, contests, ballot))]);

    private enum Style
    {
        Title,
        Mesa,
        Place,
        Contest,
        Choice,
        Detail,
        Footer,
    }

    private readonly record struct Line(string Text, Style Style);

    private static List<Line> Composed(MesaId mesa, IReadOnlyList<BallotContest> contests, Ballot ballot)
    {
        ArgumentNullException.ThrowIfNull(contests);
        ArgumentNullException.ThrowIfNull(ballot);
        if (ballot.Choices.Length != contests.Count)
        {
            throw new ArgumentException($"The ballot has {ballot.Choices.Length} choice(s) for {contests.Count} contest(s).", nameof(ballot));
        }

        var centre = mesa.Centre;
        List<Line> lines =
        [
            new("COMPROBANTE DE VOTO", Style.Title),
            new($"Mesa {mesa}", Style.Mesa),
            new(string.Create(CultureInfo.InvariantCulture, $"Estado {centre.State:D2} · Municipio {centre.Municipality:D2} · Parroquia {centre.Parish:D2} · Centro {centre.Value % 1000:D3}"), Style.Place),
        ];
        for (var c = 0; c < contests.Count; c++)
        {
            lines.Add(new(contests[c].Name, Style.Contest));
            lines.AddRange(Choice(contests[c], ballot.Choices[c]));
        }

        lines.Add(new("Revise su voto y deposítelo en la caja de resguardo.", Style.Footer));
        return lines;
    }

    private static IEnumerable<Line> Choice(BallotContest contest, BallotChoice choice)
    {
        if (choice.IsNull)
        {
            return [new("VOTO NULO", Style.Choice)];
        }

        if (choice.IsBlank)
        {
            return [new("VOTO EN BLANCO", Style.Choice)];
        }

        VotingMachine.Validate(contest, choice);
        return choice.Cards.SelectMany(index =>
        {
            var card = contest.Cards[index];
            return new Line[]
            {
                new(string.Create(CultureInfo.InvariantCulture, $"Tarjeta {index + 1}: {card.Party}"), Style.Choice),
                new(contest.Candidates[card.CandidateIndex].Name, Style.Detail),
            };
        });
    }

    private static PrintedPage Layout(List<Line> lines)
    {
        // Baselines first: the roll is cut as long as the ballot needs, so the page height follows them.
        var baselines = new double[lines.Count];
        var y = 26.0;
        for (var i = 0; i < lines.Count; i++)
        {
            var style = lines[i].Style;
            y += style == Style.Contest ? ContestGap : style == Style.Footer ? 18 : 0;
            baselines[i] = y;
            y = style == Style.Place ? HeaderHeight + 6 : y + Font(style).Advance;
        }

        var page = new PrintedPage(Width, baselines[^1] + BottomMargin);
        var centre = Width / 2;
        var usable = Width - (2 * Margin);
        page.Rule(Margin, HeaderHeight, Width - Margin, HeaderHeight);
        page.Rule(Margin, baselines[^1] - 22, Width - Margin, baselines[^1] - 22);
        for (var i = 0; i < lines.Count; i++)
        {
            var (text, style) = lines[i];
            var (face, size, _) = Font(style);
            page.Text(centre, baselines[i], Shrink(text, face, size, usable), face, text, TextAlign.Center);
        }

        return page;
    }

    private static (FontFace Face, double Size, double Advance) Font(Style style) => style switch
    {
        Style.Title => (FontFace.Bold, 13.0, 18.0),
        Style.Mesa => (FontFace.Regular, 9.0, 12.0),
        Style.Place => (FontFace.Regular, 7.0, 0.0),
        Style.Contest => (FontFace.Regular, 9.0, 18.0),
        Style.Choice => (FontFace.Bold, 12.0, 18.0),
        Style.Detail => (FontFace.Regular, 12.0, 18.0),
        _ => (FontFace.Regular, 8.0, 0.0),
    };

    /// <summary>The largest size up to <paramref name="size"/> at which the text fits the roll.</summary>
    private static double Shrink(string text, FontFace face, double size, double width)
    {
        var measured = PdfFonts.Measure(text, face, size);
        return measured <= width ? size : Math.Floor(size * width / measured * 10) / 10;
    }
}
