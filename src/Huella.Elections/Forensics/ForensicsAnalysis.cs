using System.Collections.Immutable;
using Huella.Elections.Contests;
using Huella.Elections.Geography;
using Huella.Elections.Ve2024;

namespace Huella.Elections.Forensics;

/// <summary>Computes a <see cref="ForensicsReport"/> from the rows of a per-mesa results table.</summary>
public static class ForensicsAnalysis
{
    public static ForensicsReport Compute(IReadOnlyList<ResultadosRow> rows, BallotContest contest, ForensicsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(contest);
        options ??= new ForensicsOptions();
        if (rows.Count == 0)
        {
            throw new ElectionDataException("The results table has no mesa to analyse.");
        }

        var candidates = contest.Candidates.Length;
        var totals = new long[candidates];
        long electors = 0, ballots = 0, valid = 0;
        foreach (var row in rows)
        {
            var result = row.Result;
            if (result.CandidateVotes.Length != candidates)
            {
                throw new ElectionDataException($"Mesa {result.Mesa}: {result.CandidateVotes.Length} candidates, the contest has {candidates}.");
            }

            electors += result.RegisteredElectors;
            ballots += result.BallotsCounted;
            valid += result.ValidVotes;
            for (var i = 0; i < candidates; i++)
            {
                totals[i] += result.CandidateVotes[i];
            }
        }

        var order = Enumerable.Range(0, candidates).OrderByDescending(i => totals[i]).ThenBy(i => i).ToArray();
        var (winner, runnerUp) = (order[0], order.Length > 1 ? order[1] : order[0]);
        var centres = CentreTally.Of(rows, candidates);

        var fingerprints = new List<Fingerprint>();
        foreach (var candidate in new[] { winner, runnerUp }.Distinct())
        {
            var code = contest.Candidates[candidate].Code;
            fingerprints.Add(Fingerprint.Of(code, GeoLevel.Mesa, MesaUnits(rows, candidate), options.Bins));
            fingerprints.Add(Fingerprint.Of(code, GeoLevel.Centre, [.. centres.Where(c => c.Electors > 0 && c.Valid > 0).Select(c => (c.Turnout, c.Share(candidate)))], options.Bins));
        }

        var digits = new DigitSummary(options.LastDigitThreshold, options.SecondDigitThreshold,
        [
            .. Enumerable.Range(0, candidates).Select(i =>
            {
                var counts = rows.Select(r => (long)r.Result.CandidateVotes[i]).ToArray();
                return new CandidateDigits(contest.Candidates[i].Code, contest.Candidates[i].Name,
                    DigitTests.LastDigit(counts, options.LastDigitThreshold), DigitTests.SecondDigit(counts, options.SecondDigitThreshold));
            }),
        ]);

        ImmutableArray<CentreOutliers> outliers =
        [
            CentreOutliers.Of(centres, winner, GeoLevel.Parish, options.MinimumGroup, options.MinimumScale, options.OutlierThreshold, options.Listed),
            CentreOutliers.Of(centres, winner, GeoLevel.State, options.MinimumGroup, options.MinimumScale, options.OutlierThreshold, options.Listed),
        ];

        var states = centres.GroupBy(c => c.Code.State).OrderBy(g => g.Key)
            .Select(g => new StateCoverage(g.Key, g.First().State, g.Sum(c => c.Mesas), g.Count(), g.Sum(c => c.Electors), g.Sum(c => c.HighestMesa - c.Mesas)))
            .ToImmutableArray();
        var coverage = new Coverage(rows.Count, centres.Count, options.NationalMesas, options.NationalMesasSource, states);

        return new ForensicsReport(contest.Name, rows.Count, centres.Count, electors, ballots, valid,
            contest.Candidates[winner].Code, contest.Candidates[winner].Name, Share(totals[winner], valid),
            contest.Candidates[runnerUp].Code, contest.Candidates[runnerUp].Name, Share(totals[runnerUp], valid),
            [.. fingerprints], digits, outliers, coverage);
    }

    private static List<(double Turnout, double Share)> MesaUnits(IReadOnlyList<ResultadosRow> rows, int candidate)
    {
        var units = new List<(double, double)>(rows.Count);
        foreach (var row in rows)
        {
            var r = row.Result;
            if (r.RegisteredElectors > 0 && r.ValidVotes > 0)
            {
                units.Add(((double)r.BallotsCounted / r.RegisteredElectors, (double)r.CandidateVotes[candidate] / r.ValidVotes));
            }
        }

        return units;
    }

    private static double Share(long votes, long valid) => valid == 0 ? 0 : (double)votes / valid;
}
