using System.Collections.Immutable;
using Huella.Elections.Actas;
using Huella.Elections.Contests;
using Huella.Elections.Ve2024;

namespace Huella.Elections.Scan;

/// <summary>One number of an acta, named as the scanner reports it (<c>card.3</c>, a candidate's code, <c>null</c>, <c>registered</c>…).</summary>
public readonly record struct ActaNumber(string Field, long Value);

/// <summary>
/// The numbers an acta shows, by name, whatever carried them (a signed Huella acta, a CNE 2024 QR,
/// a row of the published table): two sources are compared on the names both have.
/// </summary>
public sealed class ActaNumbers
{
    private ActaNumbers(ImmutableArray<ActaNumber> items) => Items = items;

    public ImmutableArray<ActaNumber> Items { get; }

    public long? this[string field] => Items.FirstOrDefault(n => n.Field == field) is { Field: not null } found ? found.Value : null;

    /// <summary>A signed acta's numbers; with its ballot, the cards are also summed per candidate.</summary>
    public static ActaNumbers Of(Acta acta, BallotContest? ballot)
    {
        ArgumentNullException.ThrowIfNull(acta);
        var items = Cards(acta.CardVotes, ballot);
        items.Add(new("null", acta.NullVotes));
        items.Add(new("blank", acta.BlankVotes));
        items.Add(new("ballots", acta.BallotsCast));
        items.Add(new("registered", acta.RegisteredElectors));
        items.Add(new("authenticated", acta.ElectorsAuthenticated));
        for (var i = 0; i < acta.Incidents.Length; i++)
        {
            items.Add(new($"incident.{IncidentName(i)}", acta.Incidents[i]));
        }

        return new([.. items]);
    }

    /// <summary>A CNE 2024 QR: 38 cards, their sums per candidate, null votes (its last field, always 0, is not a count anyone published).</summary>
    public static ActaNumbers Of(CneQrPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var items = Cards(payload.CardVotes, Venezuela2024.Presidential);
        items.Add(new("null", payload.NullVotes));
        return new([.. items]);
    }

    /// <summary>A row of the 2024 results table: votes per candidate, null votes, registered electors.</summary>
    public static ActaNumbers Of(ResultadosRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var candidates = Venezuela2024.Presidential.Candidates;
        var items = new List<ActaNumber>();
        for (var c = 0; c < candidates.Length; c++)
        {
            items.Add(new(candidates[c].Code, row.Result.CandidateVotes[c]));
        }

        items.Add(new("null", row.Result.NullVotes));
        items.Add(new("registered", row.Result.RegisteredElectors));
        return new([.. items]);
    }

    private static List<ActaNumber> Cards(ImmutableArray<int> cards, BallotContest? ballot)
    {
        var items = new List<ActaNumber>(cards.Length + 16);
        for (var i = 0; i < cards.Length; i++)
        {
            items.Add(new($"card.{i + 1}", cards[i]));
        }

        if (ballot is not null && ballot.Cards.Length == cards.Length)
        {
            var votes = ballot.CandidateVotes(cards.AsSpan());
            for (var c = 0; c < votes.Length; c++)
            {
                items.Add(new(ballot.Candidates[c].Code, votes[c]));
            }
        }

        return items;
    }

    private static string IncidentName(int index) =>
        Enum.IsDefined((IncidentKind)index) ? ((IncidentKind)index).ToString() : index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
