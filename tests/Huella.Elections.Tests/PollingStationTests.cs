using System.Collections.Immutable;
using Huella.Biometrics;
using Huella.Biometrics.Imaging;
using Huella.Crypto;
using Huella.Elections.Actas;
using Huella.Elections.Contests;
using Huella.Elections.Geography;
using Huella.Elections.Station;
using Huella.Testing;
using Huella.Identity;

namespace Huella.Elections.Tests;

/// <summary>A mesa on election day with real fingerprints (FVC2002 db1b: ten fingers, eight impressions each).</summary>
public sealed class PollingStationTests : IDisposable
{
    private static readonly MesaId Mesa = new(CentreCode.Parse("010101001"), 1);
    private static readonly BallotContest Contest = Venezuela2024.Presidential;
    private static readonly Lazy<FingerprintTemplate[,]> Prints = new(LoadPrints);
    private readonly SigningKey _machine = SigningKey.Generate();
    private readonly SigningKey _president = SigningKey.Generate();

    private static FingerprintTemplate[,] LoadPrints()
    {
        var prints = new FingerprintTemplate[10, 2];
        for (var finger = 0; finger < 10; finger++)
        {
            for (var impression = 0; impression < 2; impression++)
            {
                var image = ImageDecoder.Load(SharedData.PathOf("fingerprints", "fvc2002", "db1b", $"{101 + finger}_{1 + impression}.tif"));
                prints[finger, impression] = FingerprintTemplate.Create(image);
            }
        }

        return prints;
    }

    private static Cedula CedulaOf(int finger) => Cedula.Parse($"V-{10_000_000 + finger}");

    private PollingStation Station(AuthenticationPolicy? policy = null, int extraElectorsWithoutPrints = 0)
    {
        var roll = Enumerable.Range(0, 10).Select(f => new ElectorEntry(CedulaOf(f), [Prints.Value[f, 0]]))
            .Concat(Enumerable.Range(0, extraElectorsWithoutPrints).Select(i => new ElectorEntry(Cedula.Parse($"E-{i + 1}"), [])));
        return new PollingStation("TEST-2026", Mesa, Contest, roll, policy ?? new AuthenticationPolicy(), _machine, TimeProvider.System);
    }

    private PublishedKeys Keys => new("TEST-2026",
    [
        new(Mesa, SignerRole.Machine, _machine.PublicKey, "machine"),
        new(Mesa, SignerRole.Member, _president.PublicKey, "president"),
    ]);

    [Fact]
    public void A_day_at_the_mesa_ends_in_an_acta_anyone_can_verify()
    {
        using var station = Station();
        var zero = station.Open().Single();
        Assert.Equal(ActaKind.Opening, zero.Acta.Kind);
        Assert.Equal(0, zero.Acta.BallotsCast);

        var verified = 0;
        for (var finger = 0; finger < 10; finger++)
        {
            var outcome = station.Desk.Authenticate(CedulaOf(finger), Prints.Value[finger, 1]);
            if (outcome.Status == AuthenticationStatus.Verified)
            {
                verified++;
                station.Machine.Cast(outcome.Token!, new BallotChoice(finger == 0 ? 0 : 35));
            }
        }

        Assert.True(verified >= 8, $"only {verified} of 10 genuine electors were verified");
        var acta = station.Close().Single().Countersign(_president);
        var check = ActaVerifier.Verify(acta.Encode(), Keys);
        Assert.Equal(ActaVerdict.Valid, check.Verdict);
        Assert.Equal(verified, check.Acta!.BallotsCast);
        Assert.Equal(verified, check.Acta.ElectorsAuthenticated);
        Assert.Equal(-1, Huella.Crypto.HashChain.FirstBrokenLink(station.Log.Entries));
        Assert.Equal(station.Log.Head.ToArray(), check.Acta.LogHead.ToArray());
    }

    [Fact]
    public void A_poor_capture_that_does_not_match_costs_no_attempt()
    {
        // Every capture counts as poor here: the gate must still let a matching capture through.
        using var station = Station(new AuthenticationPolicy { MinCaptureQuality = 101, AfterNoMatch = FallbackRule.Refuse });
        station.Open();
        var impostor = Prints.Value[5, 1];
        for (var capture = 0; capture < 5; capture++)
        {
            var outcome = station.Desk.Authenticate(CedulaOf(0), impostor);
            Assert.Equal(AuthenticationStatus.Recapture, outcome.Status);
            Assert.Equal(0, outcome.Attempt);
            Assert.Null(outcome.Token);
        }

        var genuine = station.Desk.Authenticate(CedulaOf(0), Prints.Value[0, 1]);
        Assert.Equal(AuthenticationStatus.Verified, genuine.Status);
        Assert.Equal(1, genuine.Attempt);
        station.Machine.Cast(genuine.Token!, BallotChoice.Blank);
        var acta = station.Close().Single().Acta;
        Assert.Equal(1, acta.BallotsCast);
        Assert.All(acta.Incidents, count => Assert.Equal(0, count));

        // With the default gate, the same impostor capture (a usable print) counts as an attempt.
        using var usual = Station(new AuthenticationPolicy { AfterNoMatch = FallbackRule.Refuse });
        usual.Open();
        Assert.True(impostor.Quality >= new AuthenticationPolicy().MinCaptureQuality);
        Assert.Equal(AuthenticationStatus.TryAgain, usual.Desk.Authenticate(CedulaOf(0), impostor).Status);
    }

    [Fact]
    public void Someone_elses_finger_fails_three_times_then_the_rules_decide()
    {
        using var allowing = Station(new AuthenticationPolicy { AfterNoMatch = FallbackRule.AllowWithIncident });
        allowing.Open();
        var impostor = Prints.Value[5, 1];
        Assert.Equal(AuthenticationStatus.TryAgain, allowing.Desk.Authenticate(CedulaOf(0), impostor).Status);
        Assert.Equal(AuthenticationStatus.TryAgain, allowing.Desk.Authenticate(CedulaOf(0), impostor).Status);
        var third = allowing.Desk.Authenticate(CedulaOf(0), impostor);
        Assert.Equal(AuthenticationStatus.AllowedNoMatch, third.Status);
        allowing.Machine.Cast(third.Token!, BallotChoice.Blank);
        var acta = allowing.Close().Single().Acta;
        Assert.Equal(1, acta.Incidents[(int)IncidentKind.NoMatch]);
        Assert.Equal(1, acta.BlankVotes);

        using var refusing = Station(new AuthenticationPolicy { AfterNoMatch = FallbackRule.Refuse });
        refusing.Open();
        refusing.Desk.Authenticate(CedulaOf(0), impostor);
        refusing.Desk.Authenticate(CedulaOf(0), impostor);
        var refused = refusing.Desk.Authenticate(CedulaOf(0), impostor);
        Assert.Equal(AuthenticationStatus.RefusedNoMatch, refused.Status);
        Assert.Null(refused.Token);
    }

    [Fact]
    public void A_second_vote_an_unknown_cedula_and_a_reused_or_forged_token_are_refused()
    {
        using var station = Station();
        station.Open();
        var first = station.Desk.Authenticate(CedulaOf(3), Prints.Value[3, 1]);
        Assert.True(first.Admitted, first.Status.ToString());
        station.Machine.Cast(first.Token!, new BallotChoice(0));

        Assert.Equal(AuthenticationStatus.AlreadyVoted, station.Desk.Authenticate(CedulaOf(3), Prints.Value[3, 1]).Status);
        Assert.Equal(AuthenticationStatus.NotOnRoll, station.Desk.Authenticate(Cedula.Parse("V-99999999"), Prints.Value[3, 1]).Status);
        Assert.Throws<BallotRefusedException>(() => station.Machine.Cast(first.Token!, new BallotChoice(1)));

        using var otherStation = Station();
        otherStation.Open();
        var foreign = otherStation.Desk.Authenticate(CedulaOf(4), Prints.Value[4, 1]);
        Assert.Throws<BallotRefusedException>(() => station.Machine.Cast(foreign.Token!, new BallotChoice(1)));

        var acta = station.Close().Single().Acta;
        Assert.Equal(1, acta.BallotsCast);
        Assert.Equal(1, acta.Incidents[(int)IncidentKind.AlreadyVoted]);
        Assert.Equal(1, acta.Incidents[(int)IncidentKind.NotOnRoll]);
    }

    [Fact]
    public void Nothing_happens_before_opening_or_after_closing()
    {
        using var station = Station();
        Assert.Throws<InvalidOperationException>(() => station.Desk.Authenticate(CedulaOf(0), Prints.Value[0, 1]));
        station.Open();
        var outcome = station.Desk.Authenticate(CedulaOf(1), Prints.Value[1, 1]);
        station.Close();
        Assert.Throws<BallotRefusedException>(() => station.Machine.Cast(outcome.Token!, new BallotChoice(0)));
        Assert.Throws<InvalidOperationException>(() => station.Open());
    }

    [Fact]
    public void The_authentication_log_and_the_ballot_box_cannot_be_joined()
    {
        // 200 electors with no fingerprint on file (allowed with an incident) each vote for a different
        // card of a 200-card ballot, so this test — and only this test — can tell ballots apart.
        var cards = Enumerable.Range(0, 200).Select(i => new PartyCard($"P{i}", 0)).ToArray();
        var contest = new BallotContest("unlinkability", [new Candidate("X", "X")], cards);
        var roll = Enumerable.Range(0, 200).Select(i => new ElectorEntry(Cedula.Parse($"V-{20_000_000 + i}"), ImmutableArray<FingerprintTemplate>.Empty));
        using var station = new PollingStation("TEST-2026", Mesa, contest, roll, new AuthenticationPolicy(), _machine, TimeProvider.System);
        station.Open();
        for (var i = 0; i < 200; i++)
        {
            var outcome = station.Desk.Authenticate(Cedula.Parse($"V-{20_000_000 + i}"), probe: null);
            station.Machine.Cast(outcome.Token!, new BallotChoice(i));
        }

        // The box holds choices only, in an order unrelated to the order of voting.
        var order = station.Machine.Box.Ballots.Select(b => b.Choices.Single().Card).ToArray();
        Assert.Equal(Enumerable.Range(0, 200), order.Order());
        var fixedPoints = order.Where((card, position) => card == position).Count();
        Assert.True(fixedPoints < 8, $"{fixedPoints} ballots sit where their voting order would put them");
        Assert.InRange(SpearmanRho(order), -0.35, 0.35);
        Assert.Single(typeof(BallotChoice).GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic));
        Assert.Equal(nameof(Ballot.Choices), Assert.Single(typeof(Ballot).GetProperties()).Name);
        Assert.Single(typeof(Ballot).GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic));

        // The log names electors and outcomes, never a ballot, a card or a token.
        var log = string.Join('\n', station.Log.Lines);
        Assert.DoesNotContain("P1", log, StringComparison.Ordinal);
        Assert.DoesNotContain("card", log, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("token", log, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_ballot_of_several_contests_closes_into_one_signed_acta_per_contest()
    {
        var council = new BallotContest("Concejo", [new("E", "Elena"), new("F", "Fabián"), new("G", "Gloria")], [new("PA", 0), new("PV", 1), new("PR", 2)], marksPerBallot: 2);
        var assembly = new BallotContest("Asamblea", [new("LA", "Lista A"), new("LB", "Lista B")], [new("PA", 0), new("PB", 1)]);
        BallotContest[] contests = [Contest, council, assembly];
        var roll = Enumerable.Range(0, 5).Select(i => new ElectorEntry(Cedula.Parse($"E-{i + 1}"), []));
        using var station = new PollingStation("TEST-2026", Mesa, contests, roll, new AuthenticationPolicy(), _machine, TimeProvider.System);
        var zero = station.Open();
        Assert.Equal([0, 1, 2], zero.Select(a => a.Acta.Contest));
        Assert.All(zero, a => Assert.Equal(0, a.Acta.BallotsCast));

        Ballot[] ballots =
        [
            new([new BallotChoice(35), BallotChoice.Of([0, 2]), new BallotChoice(1)]),
            new([new BallotChoice(35), BallotChoice.Of([2]), new BallotChoice(1)]),
            new([new BallotChoice(0), BallotChoice.Blank, BallotChoice.Null]),
            new([BallotChoice.Null, BallotChoice.Of([1, 2]), new BallotChoice(0)]),
        ];
        for (var i = 0; i < ballots.Length; i++)
        {
            var token = station.Desk.Authenticate(Cedula.Parse($"E-{i + 1}"), probe: null).Token!;
            if (i == 0)
            {
                // A ballot that does not fit the contests is refused before the token is spent.
                Assert.Throws<ArgumentOutOfRangeException>(() => station.Machine.Cast(token, new Ballot([new BallotChoice(35), BallotChoice.Of([0, 1, 2]), new BallotChoice(1)])));
                Assert.Throws<ArgumentOutOfRangeException>(() => station.Machine.Cast(token, new Ballot([new BallotChoice(35), BallotChoice.Of([0]), new BallotChoice(2)])));
                Assert.Throws<ArgumentException>(() => station.Machine.Cast(token, new BallotChoice(35)));
            }

            var receipt = station.Machine.Cast(token, ballots[i]);
            Assert.Contains("Concejo", receipt.Text, StringComparison.Ordinal);
        }

        var actas = station.Close().Select(a => a.Countersign(_president)).ToArray();
        Assert.Equal(3, actas.Length);
        Assert.All(actas, a => Assert.Equal(ActaVerdict.Valid, ActaVerifier.Verify(a.Encode(), Keys).Verdict));
        Assert.All(actas, a => Assert.Equal((4, 4, 5), (a.Acta.BallotsCast, a.Acta.ElectorsAuthenticated, a.Acta.RegisteredElectors)));
        Assert.Single(actas.Select(a => a.Acta.ClosedAt).Distinct());
        Assert.Single(actas.Select(a => Convert.ToHexString(a.Acta.LogHead.AsSpan())).Distinct());

        var president = actas[0].Acta;
        Assert.Equal((2, 1, 0), (president.CardVotes[35], president.CardVotes[0], president.BlankVotes));
        Assert.Equal(1, president.NullVotes);
        var councilActa = actas[1].Acta;
        Assert.Equal((1, 2), (councilActa.Contest, councilActa.MarksPerBallot));
        Assert.Equal([1, 1, 3], councilActa.CardVotes.ToArray());
        Assert.Equal((0, 1), (councilActa.NullVotes, councilActa.BlankVotes));
        Assert.Equal([1, 2], actas[2].Acta.CardVotes.ToArray());

        // Counts that no ballot of at most two marks could give are refused by the verifier.
        var impossible = councilActa with { CardVotes = [3, 3, 3] };
        Assert.False(impossible.IsConsistent(out var problem));
        Assert.Contains("marks cannot come from", problem, StringComparison.Ordinal);
    }

    private static double SpearmanRho(int[] permutation)
    {
        double n = permutation.Length, sum = 0;
        for (var i = 0; i < permutation.Length; i++)
        {
            sum += (double)(permutation[i] - i) * (permutation[i] - i);
        }

        return 1 - (6 * sum / (n * ((n * n) - 1)));
    }

    public void Dispose()
    {
        _machine.Dispose();
        _president.Dispose();
    }
}
