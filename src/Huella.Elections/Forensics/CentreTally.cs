using Huella.Elections.Geography;
using Huella.Elections.Ve2024;

namespace Huella.Elections.Forensics;

/// <summary>A centre's mesas summed: the unit of the per-centre fingerprint and outliers.</summary>
internal sealed class CentreTally(CentreCode code, string state, string municipality, string parish, int candidates)
{
    private readonly long[] _votes = new long[candidates];

    public CentreCode Code { get; } = code;

    public string State { get; } = state;

    public string Municipality { get; } = municipality;

    public string Parish { get; } = parish;

    public int Mesas { get; private set; }

    public int HighestMesa { get; private set; }

    public long Electors { get; private set; }

    public long Ballots { get; private set; }

    public long Valid { get; private set; }

    public double Turnout => Electors == 0 ? 0 : (double)Ballots / Electors;

    public double Share(int candidate) => Valid == 0 ? 0 : (double)_votes[candidate] / Valid;

    public void Add(ResultadosRow row)
    {
        var result = row.Result;
        Mesas++;
        HighestMesa = Math.Max(HighestMesa, result.Mesa.Number);
        Electors += result.RegisteredElectors;
        Ballots += result.BallotsCounted;
        Valid += result.ValidVotes;
        for (var i = 0; i < _votes.Length; i++)
        {
            _votes[i] += result.CandidateVotes[i];
        }
    }

    public static List<CentreTally> Of(IReadOnlyList<ResultadosRow> rows, int candidates)
    {
        var byCode = new Dictionary<CentreCode, CentreTally>();
        foreach (var row in rows)
        {
            var code = row.Result.Mesa.Centre;
            if (!byCode.TryGetValue(code, out var tally))
            {
                tally = new CentreTally(code, row.State, row.Municipality, row.Parish, candidates);
                byCode.Add(code, tally);
            }

            tally.Add(row);
        }

        return [.. byCode.Values.OrderBy(c => c.Code.Value)];
    }
}
