using Huella.Crypto;
using Huella.Elections.Actas;
using Huella.Elections.Contests;
using Huella.Elections.Geography;
using Huella.Elections.Station;
using Huella.Identity;

namespace Huella.Elections.Tests;

/// <summary>A station kept on disk: what a restart finds, and what it refuses.</summary>
public sealed class StationStoreTests : IDisposable
{
    private static readonly MesaId Mesa = new(CentreCode.Parse("010101001"), 1);
    private static readonly BallotContest Council = new("Concejo", [new("E", "Elena"), new("F", "Fabián"), new("G", "Gloria")], [new("PA", 0), new("PV", 1), new("PR", 2)], marksPerBallot: 2);
    private static readonly BallotContest[] Contests = [new("Presidencia", [new("A", "Ana"), new("B", "Bruno")], [new("PA", 0), new("PB", 1)]), Council];
    private readonly string _folder = Directory.CreateTempSubdirectory("huella-station-store-").FullName;
    private readonly SigningKey _machine = SigningKey.Generate();

    private static IEnumerable<ElectorEntry> Roll => Enumerable.Range(0, 40).Select(i => new ElectorEntry(Cedula.Parse($"E-{i + 1}"), []));

    private (StationStore Store, PollingStation Station) Start()
    {
        var store = StationStore.Open(_folder, "TEST-2026", Mesa, Contests, 40);
        return (store, new PollingStation("TEST-2026", Mesa, Contests, Roll, new AuthenticationPolicy(), _machine, TimeProvider.System, store));
    }

    [Fact]
    public void A_restarted_station_keeps_its_ballots_and_admissions_and_voids_the_unused_token()
    {
        var (store, station) = Start();
        byte[] opening;
        using (store)
        using (station)
        {
            opening = station.Open()[0].Encode();
            for (var i = 0; i < 5; i++)
            {
                var token = station.Desk.Authenticate(Cedula.Parse($"E-{i + 1}"), probe: null).Token!;
                station.Machine.Cast(token, new Ballot([new BallotChoice(i % 2), BallotChoice.Of([0, 2])]));
            }

            // E-6 is admitted and the machine dies before the ballot is cast.
            Assert.True(station.Desk.Authenticate(Cedula.Parse("E-6"), probe: null).Admitted);
        }

        (store, station) = Start();
        using (store)
        using (station)
        {
            Assert.Equal(new StationResume("open", 6, 5, 1), station.Resumed);
            Assert.Equal(AuthenticationStatus.AlreadyVoted, station.Desk.Authenticate(Cedula.Parse("E-6"), probe: null).Status);
            Assert.Equal(AuthenticationStatus.AlreadyVoted, station.Desk.Authenticate(Cedula.Parse("E-1"), probe: null).Status);
            Assert.Throws<InvalidOperationException>(() => station.Open());
            Assert.Equal(opening, station.OpeningActas[0].Encode());
            Assert.Equal(-1, HashChain.FirstBrokenLink(station.Log.Entries));
            Assert.Contains(station.Log.Lines, l => l.Contains("resume mesa", StringComparison.Ordinal) && l.EndsWith("voided-tokens=1", StringComparison.Ordinal));

            var token = station.Desk.Authenticate(Cedula.Parse("E-7"), probe: null).Token!;
            station.Machine.Cast(token, new Ballot([new BallotChoice(1), BallotChoice.Blank]));
            var closing = station.Close();
            Assert.All(closing, a => Assert.Equal((7, 6), (a.Acta.ElectorsAuthenticated, a.Acta.BallotsCast)));
            Assert.Equal([3, 3], closing[0].Acta.CardVotes.ToArray());
            Assert.Equal([5, 0, 5], closing[1].Acta.CardVotes.ToArray());
            Assert.Equal(station.Log.Head.ToArray(), closing[0].Acta.LogHead.ToArray());
        }

        // Closed for good: the same actas come back, nothing opens again and the void token is not voided twice.
        (store, station) = Start();
        using (store)
        using (station)
        {
            Assert.Equal(new StationResume("closed", 7, 6, 0), station.Resumed);
            Assert.Throws<InvalidOperationException>(() => station.Open());
            Assert.Throws<InvalidOperationException>(() => station.Close());
            Assert.Throws<InvalidOperationException>(() => station.Desk.Authenticate(Cedula.Parse("E-10"), probe: null));
            Assert.Equal(6, station.ClosingActas[0].Acta.BallotsCast);
        }
    }

    [Fact]
    public void Failed_attempts_survive_a_restart()
    {
        var (store, station) = Start();
        using (store)
        using (station)
        {
            station.Open();
        }

        // An elector without fingerprints is admitted on the no-fingerprint rule; attempts are kept per cédula.
        (store, station) = Start();
        using (store)
        using (station)
        {
            Assert.Equal(0, station.Resumed!.Admitted);
            Assert.True(station.Desk.Authenticate(Cedula.Parse("E-2"), probe: null).Admitted);
        }

        (store, station) = Start();
        using (store)
        using (station)
        {
            Assert.Equal((1, 0, 1), (station.Resumed!.Admitted, station.Resumed.Ballots, station.Resumed.VoidedTokens));
            Assert.Equal(1, station.Desk.Admitted);
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void The_ballot_file_has_a_fixed_size_and_ballots_land_in_random_slots_with_no_time()
    {
        var (store, station) = Start();
        var box = Path.Combine(_folder, StationStore.BallotFileName);
        using (store)
        using (station)
        {
            station.Open();
            var empty = File.ReadAllBytes(box);
            for (var i = 0; i < 5; i++)
            {
                station.Machine.Cast(station.Desk.Authenticate(Cedula.Parse($"E-{i + 1}"), probe: null).Token!, new Ballot([new BallotChoice(0), BallotChoice.Of([1])]));
            }

            var full = File.ReadAllBytes(box);
            Assert.Equal(empty.Length, full.Length);

            // Five identical ballots in 40 slots: if slots were taken in order, they would be the first five.
            var slot = (full.Length - 64) / 40;
            var used = Enumerable.Range(0, 40).Where(s => full[64 + (s * slot)] == 1).ToArray();
            Assert.Equal(5, used.Length);
            Assert.NotEqual([0, 1, 2, 3, 4], used);

            // Identical ballots are identical bytes: a slot carries no time, counter or token.
            Assert.Single(used.Select(s => Convert.ToHexString(full, 64 + (s * slot), slot)).Distinct());
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(box));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_folder, StationStore.DeskFileName)));
    }

    [Fact]
    public void A_torn_ballot_slot_reads_as_empty_and_an_altered_log_is_refused()
    {
        var (store, station) = Start();
        using (store)
        using (station)
        {
            station.Open();
            station.Machine.Cast(station.Desk.Authenticate(Cedula.Parse("E-1"), probe: null).Token!, new Ballot([new BallotChoice(0), BallotChoice.Of([1])]));
            station.Machine.Cast(station.Desk.Authenticate(Cedula.Parse("E-2"), probe: null).Token!, new Ballot([new BallotChoice(1), BallotChoice.Of([2])]));
        }

        // Half a slot on disk (power cut mid-write): its check fails and the slot is free again.
        var box = Path.Combine(_folder, StationStore.BallotFileName);
        var bytes = File.ReadAllBytes(box);
        var slot = (bytes.Length - 64) / 40;
        var first = Enumerable.Range(0, 40).First(s => bytes[64 + (s * slot)] == 1);
        bytes[64 + (first * slot) + slot - 1] ^= 0xFF;
        File.WriteAllBytes(box, bytes);
        (store, station) = Start();
        using (store)
        using (station)
        {
            Assert.Equal((2, 1, 1), (station.Resumed!.Admitted, station.Resumed.Ballots, station.Resumed.VoidedTokens));
        }

        using (var desk = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_folder, StationStore.DeskFileName)};Pooling=False"))
        {
            desk.Open();
            using var alter = desk.CreateCommand();
            alter.CommandText = "UPDATE log SET entry = CAST('2026-07-28T08:00:00Z authenticate E-1 NotOnRoll attempt=0 score=0.0000' AS BLOB) WHERE seq = 2";
            Assert.Equal(1, alter.ExecuteNonQuery());
        }

        var refused = Assert.Throws<StationStoreException>(() => Start());
        Assert.Contains("broken at entry 2", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_store_of_another_mesa_is_refused()
    {
        using (StationStore.Open(_folder, "TEST-2026", Mesa, Contests, 40))
        {
        }

        Assert.Throws<StationStoreException>(() => StationStore.Open(_folder, "TEST-2026", new MesaId(Mesa.Centre, 2), Contests, 40));
        Assert.Throws<StationStoreException>(() => StationStore.Open(_folder, "TEST-2026", Mesa, Contests, 41));
    }

    public void Dispose()
    {
        _machine.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
