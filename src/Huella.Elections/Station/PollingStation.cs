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
/// countersign the returned actas. With a <see cref="StationStore"/> every step is on disk before
/// it is answered, and a station started again on the same store resumes the day where it stopped.
/// </summary>
public sealed class PollingStation : IDisposable
{
    private const string OpeningKind = "opening";
    private const string ClosingKind = "closing";
    private readonly string _electionId;
    private readonly ImmutableArray<BallotContest> _contests;
    private readonly SigningKey _machineKey;
    private readonly TimeProvider _time;
    private readonly DeskJournal? _journal;
    private readonly byte[] _sessionKey = RandomNumberGenerator.GetBytes(32);
    private readonly Dictionary<string, ImmutableArray<byte[]>> _actas = new(StringComparer.Ordinal);
    private State _state = State.Ready;

    /// <summary>A mesa of a one-contest election.</summary>
    public PollingStation(string electionId, MesaId mesa, BallotContest contest, IEnumerable<ElectorEntry> roll, AuthenticationPolicy policy, SigningKey machineKey, TimeProvider time)
        : this(electionId, mesa, [contest], roll, policy, machineKey, time)
    {
    }

    /// <summary>A mesa whose ballot has a choice for each contest, in this order, kept in memory only.</summary>
    public PollingStation(string electionId, MesaId mesa, IReadOnlyList<BallotContest> contests, IEnumerable<ElectorEntry> roll, AuthenticationPolicy policy, SigningKey machineKey, TimeProvider time)
        : this(electionId, mesa, contests, roll, policy, machineKey, time, store: null)
    {
    }

    /// <summary>
    /// A mesa kept in <paramref name="store"/> (or in memory when null). A store that already holds a
    /// day is resumed: see <see cref="Resumed"/>.
    /// </summary>
    public PollingStation(string electionId, MesaId mesa, IReadOnlyList<BallotContest> contests, IEnumerable<ElectorEntry> roll, AuthenticationPolicy policy, SigningKey machineKey, TimeProvider time, StationStore? store)
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
        _journal = store?.Desk;
        Mesa = mesa;
        Desk = new AuthenticationDesk(roll, policy, Log, time, _sessionKey, _journal);
        Machine = new VotingMachine(mesa, _contests, _sessionKey);
        if (store is not null)
        {
            Resume(store);
        }
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

    /// <summary>What the store held when this station started on it; null for a fresh store or none.</summary>
    public StationResume? Resumed { get; private set; }

    /// <summary>The machine-signed opening actas, once the mesa has opened (empty before).</summary>
    public ImmutableArray<SignedActa> OpeningActas => Stored(OpeningKind);

    /// <summary>The machine-signed closing actas, once the mesa has closed (empty before).</summary>
    public ImmutableArray<SignedActa> ClosingActas => Stored(ClosingKind);

    /// <summary>Opens the mesa and returns the signed zero reports (actas de inicialización), one per contest. A mesa opens once.</summary>
    public ImmutableArray<SignedActa> Open()
    {
        Require(State.Ready);
        var actas = Change($"{_time.GetUtcNow():O} open mesa {Mesa} electors={Desk.RegisteredElectors}", State.Open, OpeningKind);
        Desk.IsOpen = Machine.IsOpen = true;
        return actas;
    }

    /// <summary>Closes the mesa for good and returns its actas, one per contest, signed by the machine.</summary>
    public ImmutableArray<SignedActa> Close()
    {
        Require(State.Open);
        var actas = Change($"{_time.GetUtcNow():O} close mesa {Mesa} admitted={Desk.Admitted} ballots={Machine.Box.Count}", State.Closed, ClosingKind);
        Desk.IsOpen = Machine.IsOpen = false;
        CryptographicOperations.ZeroMemory(_sessionKey);
        return actas;
    }

    public void Dispose() => CryptographicOperations.ZeroMemory(_sessionKey);

    /// <summary>The log entry, the new state and the signed actas are stored as one change before the station moves on.</summary>
    private ImmutableArray<SignedActa> Change(string line, State next, string kind)
    {
        var (entry, hash) = Log.Next(line);
        var actas = Sign(kind == OpeningKind ? ActaKind.Opening : ActaKind.Closing, hash);
        ImmutableArray<byte[]> encoded = [.. actas.Select(a => a.Encode())];
        _journal?.Commit(new DeskChange(entry, hash) { State = Name(next), Actas = (kind, encoded) });
        Log.Accept(entry, hash);
        _state = next;
        _actas[kind] = encoded;
        return actas;
    }

    private void Resume(StationStore store)
    {
        if (store.ElectionId != _electionId || store.Mesa != Mesa || store.RegisteredElectors != Desk.RegisteredElectors)
        {
            throw new StationStoreException($"The station store is for {store.ElectionId} mesa {store.Mesa} with {store.RegisteredElectors} electors, not this roll.");
        }

        var snapshot = store.Desk.Load();
        Log.Restore(snapshot.Log);
        Desk.Restore(snapshot);
        Machine.Box.Restore(store.Box);
        foreach (var (kind, actas) in snapshot.Actas)
        {
            _actas[kind] = actas;
        }

        _state = snapshot.State switch
        {
            "ready" => State.Ready,
            "open" => State.Open,
            "closed" => State.Closed,
            _ => throw new StationStoreException($"The station store says the mesa is '{snapshot.State}'."),
        };
        if (Machine.Box.Count > Desk.Admitted)
        {
            throw new StationStoreException($"The ballot box holds {Machine.Box.Count} ballots for {Desk.Admitted} electors admitted: the store was altered.");
        }

        if (snapshot.Log.Count == 0)
        {
            return;
        }

        // Tokens issued before the restart died with the session key. Each one not used is voided
        // once, on the log; the acta shows them as electors admitted without a ballot.
        var voided = Desk.Admitted - Machine.Box.Count - snapshot.VoidedTokens;
        if (_state == State.Open)
        {
            var (entry, hash) = Log.Next($"{_time.GetUtcNow():O} resume mesa {Mesa} admitted={Desk.Admitted} ballots={Machine.Box.Count} voided-tokens={voided}");
            _journal!.Commit(new DeskChange(entry, hash) { VoidedTokens = snapshot.VoidedTokens + voided });
            Log.Accept(entry, hash);
            Desk.IsOpen = Machine.IsOpen = true;
        }

        Resumed = new StationResume(Name(_state), Desk.Admitted, Machine.Box.Count, _state == State.Open ? voided : 0);
    }

    private ImmutableArray<SignedActa> Stored(string kind) =>
        _actas.TryGetValue(kind, out var encoded)
            ? [.. encoded.Select(bytes => SignedActa.TryDecode(bytes, out var acta, out var problem) ? acta! : throw new StationStoreException($"A stored {kind} acta does not decode: {problem}"))]
            : [];

    private static string Name(State state) => state.ToString().ToLowerInvariant();

    private ImmutableArray<SignedActa> Sign(ActaKind kind, byte[] logHead)
    {
        // One instant for every contest's acta: they record one closing.
        var at = _time.GetUtcNow().ToUnixTimeSeconds();
        return [.. _contests.Select((_, contest) => SignedActa.SignByMachine(Snapshot(kind, contest, at, logHead), _machineKey))];
    }

    private Acta Snapshot(ActaKind kind, int contest, long at, byte[] logHead)
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
            LogHead = [.. logHead],
            ClosedAt = at,
        };
    }

    private void Require(State state)
    {
        if (_state != state)
        {
            throw new InvalidOperationException($"The mesa is {Name(_state)}; this needs it {Name(state)}.");
        }
    }
}
