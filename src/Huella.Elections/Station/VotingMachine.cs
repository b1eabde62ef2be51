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

        if (!_spent.Add(Convert.ToHexStringLower(SHA256.HashData(token.Nonce))))
        {
            throw new BallotRefusedException("This ballot token has already been used.");
        }

        Box.Deposit(ballot);
        return new Receipt(_mesa, ReceiptPrint.Text(_mesa, _contests, ballot));
    }

    internal static void Validate(BallotContest contest, BallotChoice choice)
    {
        var cards = choice.Cards;
        if (cards.Length > contest.MarksPerBallot)
        {
            throw new ArgumentOutOfRangeException(nameof(choice), cards.Length, $"{contest.Name}: at most {contest.MarksPerBallot} card(s) may be marked.");
        }

        foreach (var card in cards)
        {
            if ((uint)card >= (uint)contest.Cards.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(choice), card, $"{contest.Name}: no such card on the ballot.");
            }
        }
    }
}
