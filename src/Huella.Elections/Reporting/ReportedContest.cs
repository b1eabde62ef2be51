using Huella.Elections.Contests;
using Huella.Elections.Definition;
using Huella.Elections.Seats;
using Huella.Elections.Totalization;

namespace Huella.Elections.Reporting;

/// <summary>
/// One contest to report: how it is counted, its totals, how many it elects and, for party lists,
/// how seats are shared (without a method no seats are reported for the lists).
/// </summary>
public sealed record ReportedContest(BallotContest Contest, Totalizer Totals, int NumberElected = 1, bool PartyList = false)
{
    public HighestAverageMethod? Method { get; init; }

    public static ReportedContest Of(ContestDefinition definition, Totalizer totals)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new(definition.ToContest(), totals, definition.Seats, definition.Kind == ContestKind.PartyList) { Method = definition.Method };
    }

    /// <summary>
    /// Whether a card stands for a party. A list is its party; a card labelled with its own
    /// candidate's name (how a definition gives plurality candidates their one card) is a candidate
    /// standing without a party, never a party of that name.
    /// </summary>
    internal bool NamesAParty(PartyCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return PartyList || card.Party != Contest.Candidates[card.CandidateIndex].Name;
    }

    /// <summary>Seats per candidate (or list) for the national totals, by the contest's own rule; null when the rule is not known.</summary>
    internal int[]? SeatsWon()
    {
        if (PartyList && Method is null)
        {
            return null;
        }

        var kind = PartyList ? ContestKind.PartyList : NumberElected > 1 ? ContestKind.MultiSeatPlurality : ContestKind.SingleSeat;
        var rule = new ContestDefinition("report", Contest.Name, kind, NumberElected, Contest.MarksPerBallot, Method, Contest.Candidates, Contest.Cards);
        return rule.SeatsWon(Totals.Nation.CandidateVotes.ToArray());
    }
}
