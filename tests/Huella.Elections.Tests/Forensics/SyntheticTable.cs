using System.Collections.Immutable;
using System.Globalization;
using Huella.Elections.Contests;
using Huella.Elections.Geography;
using Huella.Elections.Results;
using Huella.Elections.Ve2024;

namespace Huella.Elections.Tests.Forensics;

/// <summary>
/// A made-up results table in the 2024 format: 4 states × 5 parishes × 10 centres × 3 mesas, turnout
/// and the first candidate's share drawn around 60 % and 55 %. Stuffing adds ballots, all for the
/// first candidate, until the mesa's turnout reaches about 97 %.
/// </summary>
internal static class SyntheticTable
{
    public static BallotContest Contest => Venezuela2024.Presidential;

    public static List<ResultadosRow> Build(int seed, double stuffedFraction = 0)
    {
        var random = new Random(seed);
        var rows = new List<ResultadosRow>();
        for (var state = 1; state <= 4; state++)
        {
            for (var parish = 1; parish <= 5; parish++)
            {
                for (var centre = 1; centre <= 10; centre++)
                {
                    var code = CentreCode.Parse(string.Create(CultureInfo.InvariantCulture, $"{state:D2}01{parish:D2}{centre:D3}"));
                    for (var mesa = 1; mesa <= 3; mesa++)
                    {
                        var electors = random.Next(400, 800);
                        var turnout = Math.Clamp(0.6 + 0.05 * Normal(random), 0.3, 0.85);
                        var share = Math.Clamp(0.55 + 0.08 * Normal(random), 0.2, 0.8);
                        var valid = (int)(electors * turnout);
                        var first = (int)(valid * share);
                        if (random.NextDouble() < stuffedFraction)
                        {
                            var added = (int)(electors * (0.97 + 0.02 * random.NextDouble())) - valid;
                            first += Math.Max(0, Math.Min(added, electors - valid));
                            valid += Math.Max(0, Math.Min(added, electors - valid));
                        }

                        rows.Add(Row(new MesaId(code, mesa), electors, first, valid - first, state, parish));
                    }
                }
            }
        }

        return rows;
    }

    public static ResultadosRow Row(MesaId mesa, int electors, int first, int second, int state, int parish)
    {
        var votes = new int[Contest.Candidates.Length];
        votes[0] = first;
        votes[1] = second;
        var result = new MesaResult(mesa, electors, ImmutableArray.Create(votes), NullVotes: 0);
        return new ResultadosRow(result, $"EDO. {state}", "MP. 1", $"PQ. {state}.{parish}", "");
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
