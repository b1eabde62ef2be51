using System.Collections.Immutable;
using System.Globalization;
using Huella.Elections.Contests;
using Huella.Elections.Geography;
using Huella.Elections.Results;

namespace Huella.Elections.Ve2024;

/// <summary>
/// The QR printed on a 2024 acta: <c>CCCCCCCCC.MM.1.0001!c1,…,c38!N!E</c> — centre, mesa, 38 card
/// counts in ballot order, null votes, and a last field always 0 (taken as blank votes). It carries
/// no signature or checksum: it can be checked against the printed numbers and nothing else.
/// </summary>
public sealed record CneQrPayload(MesaId Mesa, ImmutableArray<int> CardVotes, int NullVotes, int Blank)
{
    public static bool TryParse(string text, out CneQrPayload? payload, out string? error)
    {
        payload = null;
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().Split('!');
        if (parts.Length != 4)
        {
            error = $"expected 4 '!'-separated parts, found {parts.Length}";
            return false;
        }

        var head = parts[0].Split('.');
        if (head.Length != 4 || head[0].Length != 9 || !MesaId.TryParse($"{head[0]}.{head[1]}", out var mesa))
        {
            error = $"'{parts[0]}' is not CENTRE.MESA.1.0001";
            return false;
        }

        var cards = Venezuela2024.Presidential.Cards.Length;
        var counts = parts[1].Split(',');
        if (counts.Length != cards)
        {
            error = $"expected {cards} card counts, found {counts.Length}";
            return false;
        }

        var votes = new int[cards];
        for (var i = 0; i < cards; i++)
        {
            if (!TryCount(counts[i], out votes[i]))
            {
                error = $"card {i + 1} count '{counts[i]}' is not a number";
                return false;
            }
        }

        if (!TryCount(parts[2], out var nulls) || !TryCount(parts[3], out var blank))
        {
            error = "null or blank count is not a number";
            return false;
        }

        payload = new CneQrPayload(mesa, ImmutableArray.Create(votes), nulls, blank);
        error = null;
        return true;
    }

    /// <summary>The acta's result with card votes summed per candidate (registered electors are not in the QR).</summary>
    public MesaResult ToResult(int registeredElectors) =>
        new(Mesa, registeredElectors, Venezuela2024.Presidential.CandidateVotes(CardVotes.AsSpan()), NullVotes, Blank, CardVotes);

    private static bool TryCount(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && text.Length <= 6;
}
