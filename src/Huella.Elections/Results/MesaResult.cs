using System.Collections.Immutable;
using Huella.Elections.Geography;

namespace Huella.Elections.Results;

/// <summary>
/// What one mesa's acta says for one contest: votes per candidate (and per card where the source
/// has them), null and blank votes, and the registered electors of the mesa. Where a ballot may
/// mark several candidates, votes are marks and <paramref name="Ballots"/> says how many ballots
/// there were; otherwise every valid ballot is one vote.
/// </summary>
public sealed record MesaResult(
    MesaId Mesa,
    int RegisteredElectors,
    ImmutableArray<int> CandidateVotes,
    int NullVotes,
    int BlankVotes = 0,
    ImmutableArray<int> CardVotes = default,
    int? Ballots = null)
{
    public long ValidVotes
    {
        get
        {
            long sum = 0;
            foreach (var v in CandidateVotes)
            {
                sum += v;
            }

            return sum;
        }
    }

    public long BallotsCounted => Ballots ?? ValidVotes + NullVotes + BlankVotes;

    /// <summary>Same counts, whatever object carries them (records with arrays compare by reference otherwise).</summary>
    public bool SameCountsAs(MesaResult other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Mesa == other.Mesa && RegisteredElectors == other.RegisteredElectors && NullVotes == other.NullVotes
            && BlankVotes == other.BlankVotes && BallotsCounted == other.BallotsCounted && CandidateVotes.AsSpan().SequenceEqual(other.CandidateVotes.AsSpan());
    }
}
