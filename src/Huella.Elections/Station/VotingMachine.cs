using System.Security.Cryptography;
using Huella.Elections.Contests;
using Huella.Elections.Geography;

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
    private readonly SingleSeatContest _contest;
    private readonly byte[] _sessionKey;

    internal VotingMachine(MesaId mesa, SingleSeatContest contest, byte[] sessionKey)
    {
        _mesa = mesa;
        _contest = contest;
        _sessionKey = sessionKey;
    }

    public BallotBox Box { get; } = new();

    internal bool IsOpen { get; set; }

    public Receipt Cast(BallotToken token, BallotChoice choice)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (!IsOpen)
        {
            throw new BallotRefusedException("The mesa is not open.");
        }

        if (!choice.IsNull && !choice.IsBlank && (uint)choice.Card >= (uint)_contest.Cards.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(choice), choice.Card, "No such card on the ballot.");
        }

        if (!token.IsGenuine(_sessionKey))
        {
            throw new BallotRefusedException("This ballot token was not issued by this mesa's authentication desk.");
        }

        if (!_spent.Add(Convert.ToHexStringLower(SHA256.HashData(token.Nonce))))
        {
            throw new BallotRefusedException("This ballot token has already been used.");
        }

        Box.Deposit(choice);
        var what = choice.IsNull ? "VOTO NULO" : choice.IsBlank ? "VOTO EN BLANCO"
            : $"{_contest.Cards[choice.Card].Party} — {_contest.Candidates[_contest.Cards[choice.Card].CandidateIndex].Name}";
        return new Receipt(_mesa, $"COMPROBANTE DE VOTO · Mesa {_mesa} · {_contest.Name}: {what}");
    }
}
