using System.Collections.Immutable;
using System.Security.Cryptography;
using Huella.Elections.Contests;
using Huella.Elections.Geography;
using Huella.Elections.Printing;

namespace Huella.Elections.Station;

/// <summary>A token that is forged, already used, or from another session.</summary>
public sealed class BallotRefusedException : InvalidOperationException
{
    public BallotRefusedException()
    {
    }

    public BallotRefusedException(string message)
        : base(message)
    {
    }

    public BallotRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The comprobante: the paper the voter checks and drops in the box. No serial number, no time.</summary>
public sealed record Receipt(MesaId Mesa, string Text);

/// <summary>
/// The voting component. It knows ballot tokens and choices, never electors: it cannot tell who
/// cast what, and the authentication desk cannot tell what anyone chose.
/// </summary>
public sealed class VotingMachine
{
    // Spent nonces kept by hash in sorted order, so not even the spent list remembers casting order.
    // Memory is enough: tokens are MACed with a session key that dies with the process, so no token
    // from before a restart can ever be genuine again.
    private readonly SortedSet<string> _spent = new(StringComparer.Ordinal);
    private readonly MesaId _mesa;
    private readonly ImmutableArray<BallotContest> _contests;
    private readonly byte[] _sessionKey;

    internal VotingMachine(MesaId mesa, ImmutableArray<BallotContest> contests, byte[] sessionKey)
    {
        _mesa = mesa;
        _contests = contests;
        _sessionKey = sessionKey;
    }

    public BallotBox Box { get; } = new();

    internal bool IsOpen { get; set; }

    /// <summary>Casts the ballot of a one-contest election.</summary>
    public Receipt Cast(BallotToken token, BallotChoice choice) => Cast(token, new Ballot(choice));

    /// <summary>Casts a whole ballot (a choice per contest) with a one-time token, and prints its receipt.</summary>
    public Receipt Cast(BallotToken token, Ballot ballot)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(ballot);
        if (!IsOpen)
        {
            throw new BallotRefusedException("The mesa is not open.");
        }

        if (ballot.Choices.Length != _contests.Length)
        {
            throw new ArgumentException($"The ballot has {ballot.Choices.Length} choice(s); this election has {_contests.Length} contest(s).", nameof(ballot));
        }

        for (var i = 0; i < _contests.Length; i++)
        {
            Validate(_contests[i], ballot.Choices[i]);
        }

        if (!token.IsGenuine(_sessionKey))
        {
            throw new BallotRefusedException("This ballot token was not issued by this mesa's authentication desk.");
        }

        var spent = Convert.ToHexStringLower(SHA256.HashData(token.Nonce));
        if (_spent.Contains(spent))
        {
            throw new BallotRefusedException("This ballot token has already been used.");
        }

        // Stored first, spent after: a ballot that could not be stored leaves its token usable.
        Box.Deposit(ballot);
        _spent.Add(spent);
        return new Receipt(_mesa, ReceiptPrint.Text(_mesa, _contests, ballot));
    }

    // The messages name the contest, never the card asked for: they reach the operator's screen.
    internal static void Validate(BallotContest contest, BallotChoice choice)
    {
        var cards = choice.Cards;
        if (cards.Length > contest.MarksPerBallot)
        {
            throw new ArgumentOutOfRangeException(nameof(choice), $"{contest.Name}: at most {contest.MarksPerBallot} card(s) may be marked.");
        }

        foreach (var card in cards)
        {
            if ((uint)card >= (uint)contest.Cards.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(choice), $"{contest.Name}: no such card on the ballot.");
            }
        }
    }
}
