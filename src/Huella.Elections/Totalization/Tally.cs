namespace Huella.Elections.Totalization;

/// <summary>Sums over a set of mesas: one geographic unit's result.</summary>
public sealed class Tally
{
    private readonly long[] _candidates;
    private long[] _cards = [];
    private bool _cardsComplete = true;

    internal Tally(int candidateCount) => _candidates = new long[candidateCount];

    public int Mesas { get; private set; }

    public long RegisteredElectors { get; private set; }

    public long NullVotes { get; private set; }

    public long BlankVotes { get; private set; }

    public ReadOnlySpan<long> CandidateVotes => _candidates;

    /// <summary>Votes per party card, when every acta summed carried card counts; empty otherwise.</summary>
    public ReadOnlySpan<long> CardVotes => _cardsComplete ? _cards : [];

    public long ValidVotes
    {
        get
        {
            long sum = 0;
            foreach (var v in _candidates)
            {
                sum = checked(sum + v);
            }

            return sum;
        }
    }

    /// <summary>Ballots counted (valid, null and blank); more than the valid votes only where ballots mark several candidates.</summary>
    public long BallotsCounted { get; private set; }

    /// <summary>Ballots counted over registered electors, 0 … 1.</summary>
    public double Turnout => RegisteredElectors == 0 ? 0 : (double)BallotsCounted / RegisteredElectors;

    /// <summary>A candidate's share of the valid votes, 0 … 1.</summary>
    public double Share(int candidate)
    {
        var valid = ValidVotes;
        return valid == 0 ? 0 : (double)_candidates[candidate] / valid;
    }

    internal void Add(Results.MesaResult result)
    {
        Mesas = checked(Mesas + 1);
        RegisteredElectors = checked(RegisteredElectors + result.RegisteredElectors);
        NullVotes = checked(NullVotes + result.NullVotes);
        BlankVotes = checked(BlankVotes + result.BlankVotes);
        BallotsCounted = checked(BallotsCounted + result.BallotsCounted);
        for (var i = 0; i < _candidates.Length; i++)
        {
            _candidates[i] = checked(_candidates[i] + result.CandidateVotes[i]);
        }

        AddCards(result.CardVotes);
    }

    private void AddCards(System.Collections.Immutable.ImmutableArray<int> cards)
    {
        if (cards.IsDefaultOrEmpty || (Mesas > 1 && cards.Length != _cards.Length))
        {
            _cardsComplete = false;
            return;
        }

        if (Mesas == 1)
        {
            _cards = new long[cards.Length];
        }

        for (var i = 0; i < cards.Length; i++)
        {
            _cards[i] = checked(_cards[i] + cards[i]);
        }
    }
}
