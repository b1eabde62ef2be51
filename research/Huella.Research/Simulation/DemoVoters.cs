using Huella.Research.Synthesis.Templates;
using Huella.Elections.Contests;
using Huella.Elections.Geography;
using Huella.Elections.Station;

namespace Huella.Research.Simulation;

/// <summary>
/// Who the demo's people are and how they behave: each person has two synthetic thumbs (enrolled
/// from impression 0, presented at the mesa as fresh impressions), turns out with some probability,
/// and votes for a plausible mix of cards. Everything follows from the seed.
/// </summary>
internal sealed class DemoVoters(int seed, double turnout, DemoCountry country)
{
    public double Turnout => turnout;

    /// <summary>The mesa where an elector who has voted tries again.</summary>
    public MesaId DoubleVoteAt => country.Mesas[Math.Min(1, country.Mesas.Length - 1)];

    /// <summary>Every few hundred electors one was registered before biometrics: no fingerprint on file.</summary>
    public static bool HasNoFingerprint(int person) => person % 499 == 250;

    public SyntheticTemplateFinger RightThumb(int person) => SyntheticTemplates.CreateFinger(seed, 2 * person);

    public SyntheticTemplateFinger LeftThumb(int person) => SyntheticTemplates.CreateFinger(seed, (2 * person) + 1);

    // Not HashCode.Combine: it is salted per process, and the demo must repeat run after run.
    public Random RandomFor(MesaId mesa) => new((int)(((seed * 1_000_003L) + (mesa.Centre.Value * 256L) + mesa.Number) % int.MaxValue));

    /// <summary>A person of the next mesa, who will try an absent elector's cédula.</summary>
    public int IntruderFor(MesaId mesa)
    {
        var index = Array.IndexOf(country.Mesas, mesa);
        var person = ((index + 1) % country.Mesas.Length) * country.ElectorsPerMesa;
        return HasNoFingerprint(person) ? person + 1 : person;
    }

    /// <summary>A whole ballot: a choice in every contest, drawn in contest order from the mesa's random sequence.</summary>
    public static Ballot Choose(Random random, IReadOnlyList<BallotContest> contests) =>
        new(contests.Select(contest => contest.MarksPerBallot > 1 ? Several(random, contest) : Choice(random, contest)).ToArray());

    public static BallotChoice Choice(Random random, BallotContest contest)
    {
        // A plausible electorate: most votes to two cards, a few null and blank.
        var roll = random.NextDouble();
        return roll switch
        {
            < 0.02 => BallotChoice.Null,
            < 0.03 => BallotChoice.Blank,
            < 0.38 => new BallotChoice(0),
            < 0.45 => new BallotChoice(Math.Min(1, contest.Cards.Length - 1)),
            < 0.75 => new BallotChoice(Math.Min(2, contest.Cards.Length - 1)),
            < 0.85 => new BallotChoice(Math.Min(3, contest.Cards.Length - 1)),
            < 0.90 => new BallotChoice(Math.Min(4, contest.Cards.Length - 1)),
            _ => new BallotChoice(contest.Cards.Length - 1),
        };
    }

    /// <summary>In a multi-seat plurality contest most voters mark as many candidates as allowed, some fewer; lower cards are more popular.</summary>
    private static BallotChoice Several(Random random, BallotContest contest)
    {
        var roll = random.NextDouble();
        if (roll < 0.02)
        {
            return BallotChoice.Null;
        }

        if (roll < 0.04)
        {
            return BallotChoice.Blank;
        }

        var marks = roll < 0.8 ? contest.MarksPerBallot : 1 + random.Next(contest.MarksPerBallot);
        var chosen = new HashSet<int>();
        while (chosen.Count < marks)
        {
            // Squaring a uniform draw favours the first cards, so the race has leaders.
            var u = random.NextDouble();
            chosen.Add(Math.Min(contest.Cards.Length - 1, (int)(u * u * contest.Cards.Length)));
        }

        return BallotChoice.Of(chosen);
    }
}
