using Huella.Elections.Contests;
using Huella.Elections.Geography;
using Huella.Elections.Results;

namespace Huella.Elections.Ve2024;

/// <summary>One number on which an acta's QR and the results table disagree.</summary>
public readonly record struct Discrepancy(MesaId Mesa, string Field, long InQr, long InTable);

/// <summary>Checks acta QR payloads against the results table, mesa by mesa.</summary>
public static class QrCrossCheck
{
    /// <summary>Every disagreement; a mesa missing from the table is one discrepancy on field "mesa".</summary>
    public static IReadOnlyList<Discrepancy> Compare(IEnumerable<CneQrPayload> payloads, IReadOnlyDictionary<MesaId, MesaResult> table)
    {
        ArgumentNullException.ThrowIfNull(payloads);
        ArgumentNullException.ThrowIfNull(table);
        var contest = Venezuela2024.Presidential;
        var found = new List<Discrepancy>();
        foreach (var payload in payloads)
        {
            if (!table.TryGetValue(payload.Mesa, out var row))
            {
                found.Add(new Discrepancy(payload.Mesa, "mesa", 1, 0));
                continue;
            }

            var fromQr = payload.ToResult(row.RegisteredElectors);
            for (var c = 0; c < contest.Candidates.Length; c++)
            {
                if (fromQr.CandidateVotes[c] != row.CandidateVotes[c])
                {
                    found.Add(new Discrepancy(payload.Mesa, contest.Candidates[c].Code, fromQr.CandidateVotes[c], row.CandidateVotes[c]));
                }
            }

            if (fromQr.NullVotes != row.NullVotes)
            {
                found.Add(new Discrepancy(payload.Mesa, "VOTOS_NULOS", fromQr.NullVotes, row.NullVotes));
            }
        }

        return found;
    }
}
