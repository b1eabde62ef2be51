using Huella.Crypto;
using Huella.Elections.Actas;
using Huella.Elections.Contests;
using Huella.Elections.Geography;
using Huella.Elections.Roll;
using Huella.Elections.Station;
using Huella.Identity;

namespace Huella.Research.Simulation;

/// <summary>What one mesa produced on election day.</summary>
internal sealed record MesaDay(byte[][] Opening, byte[][] Closing, IReadOnlyList<string> Log, int Verified, int RefusedNoMatch, int RefusedIntruders, int RefusedDoubleVotes, int NoFingerprintOnFile);

/// <summary>Election day at one mesa of the demo, from opening its roll package to the countersigned acta.</summary>
internal static class DemoMesa
{
    public static MesaDay Run(string electionId, IReadOnlyList<BallotContest> contests, AuthenticationPolicy policy, MesaId mesa, byte[] package, VerificationKey authority, MesaKeys keys, DemoVoters voters, TimeProvider time)
    {
        if (!RollPackage.TryOpen(package, authority, keys.RollKey, electionId, mesa, out var roll, out var error))
        {
            throw new InvalidOperationException($"Mesa {mesa} cannot open its roll package: {error}");
        }

        using var station = new PollingStation(electionId, roll!.Mesa, contests, roll.Electors, policy, keys.Machine, time);
        var opening = Countersigned(station.Open(), keys);
        var random = voters.RandomFor(roll.Mesa);
        int verified = 0, noMatch = 0, intruders = 0, doubleVotes = 0, noFingerprint = 0;
        Cedula? absent = null;
        foreach (var elector in roll.Electors)
        {
            if (random.NextDouble() > voters.Turnout)
            {
                absent = elector.Cedula;
                continue;
            }

            var person = DemoCountry.PersonOf(elector.Cedula);
            var outcome = Present(station, elector.Cedula, voters, person);
            switch (outcome.Status)
            {
                case AuthenticationStatus.Verified:
                    verified++;
                    break;
                case AuthenticationStatus.RefusedNoMatch:
                    noMatch++;
                    break;
                case AuthenticationStatus.AllowedNoFingerprint or AuthenticationStatus.RefusedNoFingerprint:
                    noFingerprint++;
                    break;
            }

            if (outcome.Token is { } token)
            {
                station.Machine.Cast(token, DemoVoters.Choose(random, contests));

                // The first voter of the mesa chosen for it comes back to vote again: refused.
                if (voters.DoubleVoteAt == roll.Mesa && doubleVotes == 0
                    && station.Desk.Authenticate(elector.Cedula, voters.RightThumb(person).Impression(3).ToTemplate()).Status == AuthenticationStatus.AlreadyVoted)
                {
                    doubleVotes++;
                }
            }
        }

        // Someone presents an absent elector's cédula with their own finger (a person of another
        // mesa): three captures, no match, refused; the incident is on the acta.
        if (absent is { } stranger && Present(station, stranger, voters, voters.IntruderFor(roll.Mesa)).Status == AuthenticationStatus.RefusedNoMatch)
        {
            intruders++;
        }

        var closing = Countersigned(station.Close(), keys);
        return new MesaDay(opening, closing, [.. station.Log.Lines], verified, noMatch, intruders, doubleVotes, noFingerprint);
    }

    /// <summary>The president and the secretary countersign every contest's acta.</summary>
    private static byte[][] Countersigned(IEnumerable<SignedActa> actas, MesaKeys keys) =>
        [.. actas.Select(a => a.Countersign(keys.President).Countersign(keys.Secretary).Encode())];

    /// <summary>
    /// A fresh capture each attempt, as operators do it: the right thumb twice, then the left thumb
    /// (every capture is matched against every template on file).
    /// </summary>
    private static AuthenticationOutcome Present(PollingStation station, Cedula cedula, DemoVoters voters, int person)
    {
        for (var attempt = 1; ; attempt++)
        {
            var finger = attempt % 3 == 0 ? voters.LeftThumb(person) : voters.RightThumb(person);
            var outcome = station.Desk.Authenticate(cedula, finger.Impression(attempt).ToTemplate());
            if (outcome.Status is not (AuthenticationStatus.TryAgain or AuthenticationStatus.Recapture))
            {
                return outcome;
            }
        }
    }
}
