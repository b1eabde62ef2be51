using System.Text;
using System.Text.RegularExpressions;
using Huella.Crypto;
using Huella.Elections.Contests;
using Huella.Elections.Geography;
using Huella.Elections.Printing;
using Huella.Elections.Station;
using Huella.Identity;

namespace Huella.Elections.Tests;

/// <summary>The comprobante shows the vote to its voter and to nobody else: no name, no cédula, no time, no number.</summary>
public sealed partial class ReceiptPrintTests
{
    private static readonly MesaId Mesa = new(CentreCode.Parse("130501004"), 7);
    private static readonly BallotContest Contest = Venezuela2024.Presidential;

    [Fact]
    public void A_receipt_shows_the_mesa_the_contest_and_the_choice()
    {
        var card = ReceiptPrint.Text(Mesa, Contest, new BallotChoice(35));
        Assert.Equal(
            "COMPROBANTE DE VOTO\nMesa 130501004.07\nEstado 13 · Municipio 05 · Parroquia 01 · Centro 004\nPresidente de la República 2024\n"
            + "Tarjeta 36: MUD\nEdmundo González Urrutia\nRevise su voto y deposítelo en la caja de resguardo.\n",
            card);
        Assert.Contains("\nVOTO EN BLANCO\n", ReceiptPrint.Text(Mesa, Contest, BallotChoice.Blank), StringComparison.Ordinal);
        Assert.Contains("\nVOTO NULO\n", ReceiptPrint.Text(Mesa, Contest, BallotChoice.Null), StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => ReceiptPrint.Text(Mesa, Contest, new BallotChoice(38)));
    }

    [Fact]
    public void Receipts_of_voters_at_different_times_with_the_same_choice_are_identical_and_name_no_one()
    {
        // A real mesa: electors admitted one after another, minutes apart, each casting the same card.
        string[] cedulas = ["V-14325871", "V-20999016", "E-81234567"];
        var clock = new SteppingClock(new DateTimeOffset(2024, 7, 28, 6, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(7));
        using var machineKey = SigningKey.Generate();
        using var station = new PollingStation("TEST-2026", Mesa, Contest, cedulas.Select(c => new ElectorEntry(Cedula.Parse(c), [])), new AuthenticationPolicy(), machineKey, clock);
        station.Open();
        var choice = new BallotChoice(35);
        var texts = new List<string>();
        var pdfs = new List<byte[]>();
        foreach (var cedula in cedulas)
        {
            var outcome = station.Desk.Authenticate(Cedula.Parse(cedula), null);
            Assert.NotNull(outcome.Token);
            station.Machine.Cast(outcome.Token, choice);
            texts.Add(ReceiptPrint.Text(Mesa, Contest, choice));
            pdfs.Add(ReceiptPrint.RenderPdf(Mesa, Contest, choice));
        }

        Assert.All(texts, t => Assert.Equal(texts[0], t));
        Assert.All(pdfs, p => Assert.Equal(pdfs[0], p));

        var raw = Encoding.Latin1.GetString(pdfs[0]);
        foreach (var cedula in cedulas)
        {
            Assert.DoesNotContain(cedula[2..], raw, StringComparison.Ordinal);
            Assert.DoesNotContain(cedula[2..], texts[0], StringComparison.Ordinal);
        }

        Assert.DoesNotMatch(Clock(), texts[0]);
        Assert.DoesNotMatch(Clock(), raw);
        foreach (var metadata in new[] { "/Info", "/CreationDate", "/ModDate", "/ID", "/Metadata" })
        {
            Assert.DoesNotContain(metadata, raw, StringComparison.Ordinal);
        }

        // The PDF prints exactly the receipt's lines, nothing hidden beside them.
        var pdf = new PdfStructure(pdfs[0]);
        var page = Assert.Single(pdf.Pages());
        Assert.Empty(pdf.Images(page));
        var printed = ShownStrings().Matches(pdf.Content(page)).Select(m => Unescape(m.Groups[1].Value)).ToList();
        Assert.Equal(ReceiptPrint.Lines(Mesa, Contest, choice), printed);
    }

    [Fact]
    public void A_ballot_of_several_contests_prints_each_contest_and_every_mark_on_one_receipt()
    {
        var council = new BallotContest("Concejo", [new("E", "Elena"), new("F", "Fabián"), new("G", "Gloria")], [new("PA", 0), new("PV", 1), new("PR", 2)], marksPerBallot: 2);
        BallotContest[] contests = [Contest, council];
        var ballot = new Ballot([new BallotChoice(35), BallotChoice.Of([2, 0])]);

        var lines = ReceiptPrint.Lines(Mesa, contests, ballot);
        Assert.Equal(
            ["Presidente de la República 2024", "Tarjeta 36: MUD", "Edmundo González Urrutia", "Concejo", "Tarjeta 1: PA", "Elena", "Tarjeta 3: PR", "Gloria"],
            lines.Skip(3).Take(8));
        Assert.Equal("Revise su voto y deposítelo en la caja de resguardo.", lines[^1]);

        var pdf = new PdfStructure(ReceiptPrint.RenderPdf(Mesa, contests, ballot));
        var page = Assert.Single(pdf.Pages());
        Assert.Equal(lines, ShownStrings().Matches(pdf.Content(page)).Select(m => Unescape(m.Groups[1].Value)).ToList());

        // A ballot that does not fit the contests is refused, not printed.
        Assert.Throws<ArgumentOutOfRangeException>(() => ReceiptPrint.Text(Mesa, contests, new Ballot([new BallotChoice(35), BallotChoice.Of([0, 1, 2])])));
        Assert.Throws<ArgumentException>(() => ReceiptPrint.Text(Mesa, contests, new Ballot(new BallotChoice(35))));
    }

    private static string Unescape(string literal)
    {
        var text = new StringBuilder();
        for (var i = 0; i < literal.Length; i++)
        {
            if (literal[i] != '\\')
            {
                text.Append(literal[i]);
            }
            else if (char.IsAsciiDigit(literal[i + 1]))
            {
                text.Append(Encoding.Latin1.GetString([Convert.ToByte(literal.Substring(i + 1, 3), 8)]) switch
                {
                    "\u0097" => "—",
                    var c => c,
                });
                i += 3;
            }
            else
            {
                text.Append(literal[++i]);
            }
        }

        return text.ToString();
    }

    [GeneratedRegex(@"\d{1,2}:\d{2}|\d{4}-\d{2}-\d{2}")]
    private static partial Regex Clock();

    [GeneratedRegex(@"\(((?:[^()\\]|\\.|\\\d{3})*)\) Tj")]
    private static partial Regex ShownStrings();

    private sealed class SteppingClock(DateTimeOffset start, TimeSpan step) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow()
        {
            _now += step;
            return _now;
        }
    }
}
