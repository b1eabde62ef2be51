using System.Collections.Immutable;
using Huella.Elections.Contests;
using Huella.Elections.Geography;
using Huella.Identity;

namespace Huella.Elections.Station;

/// <summary>
/// Where a polling station keeps its day so that a crash or a power cut loses nothing: two files in
/// the station's folder, as apart as the desk and the booth. <c>desk.db</c> (SQLite, WAL, synchronous
/// FULL) holds the identity side: the state of the mesa, who was admitted, failed attempts, incident
/// counts, the hash-chained log and the signed opening and closing actas; each change is one
/// transaction committed before the station answers. <c>box.ballots</c> holds the ballots in
/// fixed-size slots, each written to a random free slot and flushed to disk before its receipt is
/// printed, with no time and no order (see <see cref="BallotFile"/>). Both are created at mode 0600.
/// </summary>
public sealed class StationStore : IDisposable
{
    public const string DeskFileName = "desk.db";
    public const string BallotFileName = "box.ballots";

    private StationStore(string electionId, MesaId mesa, int registeredElectors, DeskJournal desk, BallotFile box)
    {
        ElectionId = electionId;
        Mesa = mesa;
        RegisteredElectors = registeredElectors;
        Desk = desk;
        Box = box;
    }

    public string ElectionId { get; }

    public MesaId Mesa { get; }

    public int RegisteredElectors { get; }

    internal DeskJournal Desk { get; }

    internal BallotFile Box { get; }

    /// <summary>
    /// Opens the store in <paramref name="folder"/>, creating it on first use. A store made for another
    /// election, mesa, ballot or roll size is a <see cref="StationStoreException"/>.
    /// </summary>
    public static StationStore Open(string folder, string electionId, MesaId mesa, IReadOnlyList<BallotContest> contests, int registeredElectors)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentException.ThrowIfNullOrEmpty(electionId);
        ArgumentNullException.ThrowIfNull(contests);
        ArgumentOutOfRangeException.ThrowIfNegative(registeredElectors);
        Directory.CreateDirectory(folder);
        var desk = DeskJournal.Open(Path.Combine(folder, DeskFileName), electionId, mesa);
        try
        {
            var box = BallotFile.Open(Path.Combine(folder, BallotFileName), electionId, mesa, [.. contests], registeredElectors);
            return new StationStore(electionId, mesa, registeredElectors, desk, box);
        }
        catch
        {
            desk.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Desk.Dispose();
        Box.Dispose();
    }
}

/// <summary>What a station found in its store when it started again.</summary>
/// <param name="State">ready, open or closed.</param>
/// <param name="VoidedTokens">Ballot tokens issued before the restart and never used, void from now on.</param>
public sealed record StationResume(string State, int Admitted, int Ballots, int VoidedTokens);

/// <summary>The durable state of the authentication desk, as loaded at start-up.</summary>
internal sealed record DeskSnapshot(
    string State,
    IReadOnlyList<Cedula> Admitted,
    IReadOnlyDictionary<Cedula, int> FailedAttempts,
    IReadOnlyDictionary<int, int> Incidents,
    IReadOnlyList<(byte[] Entry, byte[] Hash)> Log,
    int VoidedTokens,
    IReadOnlyDictionary<string, ImmutableArray<byte[]>> Actas);
