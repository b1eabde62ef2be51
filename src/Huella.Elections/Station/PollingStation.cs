using System.Collections.Immutable;
using System.Security.Cryptography;
using Huella.Crypto;
using Huella.Elections.Actas;
using Huella.Elections.Contests;
using Huella.Elections.Geography;

namespace Huella.Elections.Station;

/// <summary>
/// One mesa on election day: an authentication desk (identity) and a voting machine (ballots)
/// that share only a session key for ballot tokens. Opens with signed zero reports, closes with
/// the signed actas: one per contest, in the election's contest order, each carrying the mesa's
/// shared counts (electors, ballots, incidents, log head). The machine key signs; mesa members
/// countersign the returned actas.
/// </summary>
public sealed class PollingStation : IDisposable
{
    private readonly string _electionId;
    private readonly ImmutableArray<BallotContest> _contests;
    private readonly SigningKey _machineKey;
    private readonly TimeProvider _time;
    private readonly byte[] _sessionKey = RandomNumberGenerator.GetBytes(32);
    private State _state = State.Ready;

    /// <summary>A mesa of a one-contest election.</summary>
    public PollingStation(string electionId, MesaId mesa, BallotContest contest, IEnumerable<ElectorEntry> roll, AuthenticationPolicy policy, SigningKey machineKey, TimeProvider time)
        : this(electionId, mesa, [contest], roll, policy, machineKey, time)
    {
    }

    /// <summary>A mesa whose ballot has a choice for each contest, in this order.</summary>
    public PollingStation(string electionId, MesaId mesa, IReadOnlyList<BallotContest> contests, IEnumerable<ElectorEntry> roll, AuthenticationPolicy policy, SigningKey machineKey, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(contests);
        ArgumentNullException.ThrowIfNull(roll);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(machineKey);
        ArgumentNullException.ThrowIfNull(time);
        _electionId = electionId;
        _contests = [.. contests];
        if (_contests.IsEmpty || _contests.Any(c => c is null))
        {
            throw new ArgumentException("A mesa needs at least one contest.", nameof(contests));
        }

        _machineKey = machineKey;
        _time = time;
        Mesa = mesa;
        Desk = new AuthenticationDesk(roll, policy, Log, time, _sessionKey);
        Machine = new VotingMachine(mesa, _contests, _sessionKey);
    }

    private enum State
    {
        Ready,
        Open,
        Closed,
    }

    public MesaId Mesa { get; }

    public StationLog Log { get; } = new();

    public AuthenticationDesk Desk { get; }

    public VotingMachine Machine { get; }

    /// <summary>Opens the mesa and returns the signed zero reports (actas de inicialización), one per contest.</summary>
    public ImmutableArray<SignedActa> Open()
    {
        Require(State.Ready);
        Log.Append($"{_time.GetUtcNow():O} open mesa {Mesa} electors={Desk.RegisteredElectors}");
        _state = State.Open;
        Desk.IsOpen = Machine.IsOpen = true;
        return Sign(ActaKind.Opening);
    }

    /// <summary>Closes the mesa for good and returns its actas, one per contest, signed by the machine.</summary>
    public ImmutableArray<SignedActa> Close()
    {
        Require(State.Open);
        Desk.IsOpen = Machine.IsOpen = false;
        _state = State.Closed;
        Log.Append($"{_time.GetUtcNow():O} close mesa {Mesa} admitted={Desk.Admitted} ballots={Machine.Box.Count}");
        CryptographicOperations.ZeroMemory(_sessionKey);
        return Sign(ActaKind.Closing);
    }

    public void Dispose() => CryptographicOperations.ZeroMemory(_sessionKey);

    private ImmutableArray<SignedActa> Sign(ActaKind kind)
    {
        // One instant for every contest's acta: they record one closing.
        var at = _time.GetUtcNow().ToUnixTimeSeconds();
        return [.. _contests.Select((_, contest) => SignedActa.SignByMachine(Snapshot(kind, contest, at), _machineKey))];
    }

    private Acta Snapshot(ActaKind kind, int contest, long at)
    {
        var (cards, nulls, blanks) = Machine.Box.Tally(contest, _contests[contest].Cards.Length);
        return new Acta
        {
            Kind = kind,
            ElectionId = _electionId,
            Mesa = Mesa,
            Contest = contest,
            MarksPerBallot = _contests[contest].MarksPerBallot,
            CardVotes = [.. cards],
            NullVotes = nulls,
            BlankVotes = blanks,
            RegisteredElectors = Desk.RegisteredElectors,
            ElectorsAuthenticated = Desk.Admitted,
            BallotsCast = Machine.Box.Count,
            Incidents = [.. Desk.Incidents],
            LogHead = [.. Log.Head],
            ClosedAt = at,
        };
    }

    private void Require(State state)
    {
        if (_state != state)
        {
            throw new InvalidOperationException($"The mesa is {_state.ToString().ToLowerInvariant()}; this needs it {state.ToString().ToLowerInvariant()}.");
        }
    }
}
