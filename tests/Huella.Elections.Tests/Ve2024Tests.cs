using System.Collections.Immutable;
using Huella.Elections.Contests;
using Huella.Elections.Geography;
using Huella.Elections.Results;
using Huella.Elections.Totalization;
using Huella.Elections.Ve2024;
using Huella.Testing;

namespace Huella.Elections.Tests;

/// <summary>The real 2024 results, totalized by Huella's engine, as any observer could.</summary>
public sealed class Ve2024Tests
{
    private static readonly Lazy<IReadOnlyList<ResultadosRow>> Rows =
        new(() => ResultadosCsv.Read(SharedData.PathOf("elections", "ve-2024", "RESULTADOS_2024_CSV_V1.csv")));

    [Fact]
    public void National_totals_reproduce_the_published_figures()
    {
        var totalizer = new Totalizer(Venezuela2024.Presidential.Candidates.Length);
        foreach (var row in Rows.Value)
        {
            Assert.Equal(AddOutcome.Counted, totalizer.Add(row.Result));
        }

        var nation = totalizer.Nation;
        var contest = Venezuela2024.Presidential;
        Assert.Equal(24_532, nation.Mesas);
        Assert.Equal(10_659_128, nation.ValidVotes);
        Assert.Equal(1_139, nation.NullVotes);
        Assert.Equal(7_156_462, nation.CandidateVotes[contest.IndexOfCandidate("EG")]);
        Assert.Equal(3_241_461, nation.CandidateVotes[contest.IndexOfCandidate("NM")]);
        Assert.Equal(17_745_239, nation.RegisteredElectors);
        Assert.Equal(0.6714, nation.Share(contest.IndexOfCandidate("EG")), 4);
        Assert.Equal(0.6007, nation.Turnout, 4);
        Assert.Empty(totalizer.Anomalies);
    }

    [Fact]
    public void State_totals_add_up_to_the_nation()
    {
        var totalizer = new Totalizer(Venezuela2024.Presidential.Candidates.Length);
        foreach (var row in Rows.Value)
        {
            totalizer.Add(row.Result);
        }

        foreach (var level in new[] { GeoLevel.State, GeoLevel.Municipality, GeoLevel.Parish, GeoLevel.Centre, GeoLevel.Mesa })
        {
            var units = totalizer.At(level).Values;
            Assert.Equal(totalizer.Nation.ValidVotes, units.Sum(t => t.ValidVotes));
            Assert.Equal(24_532, units.Sum(t => t.Mesas));
        }

        Assert.Equal(24, totalizer.At(GeoLevel.State).Count);
    }

    [Fact]
    public void Every_acta_qr_payload_agrees_with_its_mesa_row()
    {
        var payloads = ReadPayloads();
        Assert.Equal(19, payloads.Count); // the 20th line records a QR that could not be read from its scan
        var table = Rows.Value.ToDictionary(r => r.Result.Mesa, r => r.Result);
        Assert.Empty(QrCrossCheck.Compare(payloads, table));
    }

    [Fact]
    public void A_payload_that_disagrees_is_reported_mesa_by_mesa()
    {
        var payloads = ReadPayloads();
        var table = Rows.Value.ToDictionary(r => r.Result.Mesa, r => r.Result);
        var first = payloads[0];
        var moved = first.CardVotes.ToArray();
        moved[0] += 10; // PSUV, Maduro
        moved[35] -= 10; // MUD, González
        var tampered = first with { CardVotes = ImmutableArray.Create(moved) };

        var found = QrCrossCheck.Compare([tampered, payloads[1]], table);
        Assert.Equal(2, found.Count);
        Assert.All(found, d => Assert.Equal(first.Mesa, d.Mesa));
        Assert.Contains(found, d => d.Field == "NM" && d.InQr == d.InTable + 10);
        Assert.Contains(found, d => d.Field == "EG" && d.InQr == d.InTable - 10);
    }

    [Theory]
    [InlineData("")]
    [InlineData("040202001.01.1.0001!1,2,3!0!0")]
    [InlineData("0402020.01.1.0001!87,5,4,1,4,0,1,4,4,0,0,0,4,0,1,0,0,1,0,1,0,0,1,0,0,0,1,0,1,0,2,0,0,5,20,332,0,3!1!0")]
    [InlineData("040202001.01.1.0001!87,5,4,1,4,0,1,4,4,0,0,0,4,0,1,0,0,1,0,1,0,0,1,0,0,0,1,0,1,0,2,0,0,5,20,-332,0,3!1!0")]
    [InlineData("040202001.01.1.0001!87,5,4,1,4,0,1,4,4,0,0,0,4,0,1,0,0,1,0,1,0,0,1,0,0,0,1,0,1,0,2,0,0,5,20,332,0,3!1")]
    public void Malformed_payloads_are_refused_with_a_reason(string text)
    {
        Assert.False(CneQrPayload.TryParse(text, out var payload, out var error));
        Assert.Null(payload);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void A_corrupt_table_names_the_line()
    {
        var header = File.ReadLines(SharedData.PathOf("elections", "ve-2024", "RESULTADOS_2024_CSV_V1.csv")).First();
        var good = File.ReadLines(SharedData.PathOf("elections", "ve-2024", "RESULTADOS_2024_CSV_V1.csv")).Skip(1).First();
        var bad = good.Replace(",666,", ",six hundred,", StringComparison.Ordinal);
        var error = Assert.Throws<ElectionDataException>(() => ResultadosCsv.Read(new StringReader($"{header}\n{good}\n{bad}\n")));
        Assert.Equal(3, error.Line);
    }

    private static List<CneQrPayload> ReadPayloads()
    {
        var payloads = new List<CneQrPayload>();
        foreach (var line in File.ReadLines(SharedData.PathOf("elections", "ve-2024", "acta-qr-payloads.txt")))
        {
            if (line.Trim().Length == 0)
            {
                continue;
            }

            if (CneQrPayload.TryParse(line, out var payload, out var error))
            {
                payloads.Add(payload!);
            }
            else
            {
                Assert.Contains("unreadable", line, StringComparison.Ordinal);
            }
        }

        return payloads;
    }
}
