using System.Globalization;
using Huella.Crypto;
using Huella.Elections.Definition;

namespace Huella.Server.Central;

/// <summary>A signed tree head as published: sizes and times as integers (Unix milliseconds), hashes, keys and signatures in lowercase hex.</summary>
internal sealed record PublicTreeHead(long Size, string Root, long Timestamp, string Signature, string Key)
{
    public static PublicTreeHead Of(SignedTreeHead head, VerificationKey key) =>
        new(head.Size, Convert.ToHexStringLower(head.Root.AsSpan()), head.Timestamp.ToUnixTimeMilliseconds(), Convert.ToHexStringLower(head.Signature.AsSpan()), key.ToString());
}

/// <summary>The audit path of one stored transmission: its leaf (bytes, hex) at <c>LeafIndex</c> in the tree of <c>TreeSize</c> leaves.</summary>
internal sealed record PublicInclusion(string Hash, long LeafIndex, long TreeSize, string Leaf, IReadOnlyList<string> Proof);

internal sealed record PublicConsistency(long First, long Second, IReadOnlyList<string> Proof);

internal sealed record PublicLeaves(long Start, long TreeSize, IReadOnlyList<string> Leaves);

/// <summary>
/// What an observer needs besides the actas to recompute <c>results.json</c>: the election, its
/// contests as counted, every mesa expected, the electors on each mesa's roll when central knows
/// them (from the definition), and whether it is a test election.
/// </summary>
internal sealed record PublicElection(string Name, string Date, IReadOnlyDictionary<string, string> StateNames, IReadOnlyList<PublicContest> Contests, IReadOnlyList<string> Mesas)
{
    public IReadOnlyDictionary<string, int>? RegisteredElectors { get; init; }

    public string? TestType { get; init; }

    public static PublicElection Of(CentralElection election, IReadOnlyList<Huella.Elections.Contests.BallotContest> contests) => new(
        election.Name,
        election.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        election.StateNames.ToDictionary(s => s.Key.ToString(CultureInfo.InvariantCulture), s => s.Value),
        [.. contests.Select((c, i) => new PublicContest(
            c.Name,
            c.MarksPerBallot,
            election.Contests is { } defined ? defined[i].Seats : 1,
            election.Contests is { } d && d[i].Kind == ContestKind.PartyList,
            [.. c.Candidates.Select(k => new PublicCandidate(k.Code, k.Name))],
            [.. c.Cards.Select(k => new PublicCard(k.Party, k.CandidateIndex))])
        {
            Method = election.Contests is { } m ? m[i].Method?.ToString() : null,
        })],
        [.. election.Mesas.Select(m => m.ToString())])
    {
        RegisteredElectors = election.Definition?.Mesas.ToDictionary(m => m.Mesa.ToString(), m => m.RegisteredElectors),
        TestType = election.Reported.TestType,
    };
}

internal sealed record PublicContest(string Name, int MarksPerBallot, int Seats, bool PartyList, IReadOnlyList<PublicCandidate> Candidates, IReadOnlyList<PublicCard> Cards)
{
    /// <summary>The seat rule of a party-list contest (<c>DHondt</c>, <c>SainteLague</c>), null otherwise.</summary>
    public string? Method { get; init; }
}

internal sealed record PublicCandidate(string Code, string Name);

internal sealed record PublicCard(string Party, int Candidate);
