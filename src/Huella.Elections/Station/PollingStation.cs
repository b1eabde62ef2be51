using System.Collections.Immutable;
using System.Security.Cryptography;
using Huella.Crypto;
using Huella.Elections.Actas;
using Huella.Elections.Contests;
using Huella.Elections.Geography;

namespace Huella.Elections.Station;

/// <summary>
/// One mesa on election day: an authentication desk (identity) and a voting machine (ballots)
/// that share only a session key for ballot tokens. Opens with a signed zero report, closes with
/// the signed acta. The machine key signs; mesa members countersign the returned acta.
/// </summary>
public sealed class PollingStation : IDisposable
{
    private readonly string _electionId;
    private readonly SingleSeatContest _contest;
    private readonly SigningKey _machineKey;
    private readonly TimeProvider _time;
    private readonly byte[] _sessionKey = RandomNumberGenerator.GetBytes(32);
    private State _state = State.Ready;

    public PollingStation(string electionId, MesaId mesa, SingleSeatContest contest, IEnumerable<ElectorEntry> roll, AuthenticationPolicy policy, SigningKey machineKey, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(contest);
        ArgumentNullException.ThrowIfNull(roll);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(machineKey);
        ArgumentNullException.ThrowIfNull(time);
        _electionId = electionId;
        _contest = contest;
        _machineKey = machineKey;
        _time = time;
        Mesa = mesa;
        Desk = new AuthenticationDesk(roll, policy, Log, time, _sessionKey);
        Machine = new VotingMachine(mesa, contest, _sessionKey);
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

    /// <summary>Opens the mesa and returns the signed zero report (acta de inicialización).</summary>
    public SignedActa Open()
    {
        Require(State.Ready);
        Log.Append($"{_time.GetUtcNow():O} open mesa {Mesa} electors={Desk.RegisteredElectors}");
        _state = State.Open;
        Desk.IsOpen = Machine.IsOpen = true;
        return SignedActa.SignByMachine(Snapshot(ActaKind.Opening), _machineKey);
    }

    /// <summary>Closes the mesa for good and returns the acta signed by the machine.</summary>
    public SignedActa Close()
    {
        Require(State.Open);
        Desk.IsOpen = Machine.IsOpen = false;
        _state = State.Closed;
        Log.Append($"{_time.GetUtcNow():O} close mesa {Mesa} admitted={Desk.Admitted} ballots={Machine.Box.Count}");
        CryptographicOperations.ZeroMemory(_sessionKey);
        return SignedActa.SignByMachine(Snapshot(ActaKind.Closing), _machineKey);
    }

    public void Dispose() => CryptographicOperations.ZeroMemory(_sessionKey);

    private Acta Snapshot(ActaKind kind)
    {
        var (cards, nulls, blanks) = Machine.Box.Tally(_contest.Cards.Length);
        return new Acta
        {
            Kind = kind,
            ElectionId = _electionId,
            Mesa = Mesa,
            CardVotes = [.. cards],
            NullVotes = nulls,
            BlankVotes = blanks,
            RegisteredElectors = Desk.RegisteredElectors,
            ElectorsAuthenticated = Desk.Admitted,
            BallotsCast = Machine.Box.Count,
            Incidents = [.. Desk.Incidents],
            LogHead = [.. Log.Head],
            ClosedAt = _time.GetUtcNow().ToUnixTimeSeconds(),
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
