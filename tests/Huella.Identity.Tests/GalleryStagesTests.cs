using Huella.Biometrics;
using Huella.Research.Synthesis.Templates;
using Huella.Identity.Gallery;
using Xunit.Abstractions;

namespace Huella.Identity.Tests;

/// <summary>The pre-filter's stages on their own: rotation windows and the alignment check.</summary>
public sealed class GalleryStagesTests(ITestOutputHelper output)
{
    [Fact]
    public void Vectorised_rotation_window_equals_the_plain_loop()
    {
        var random = new Random(7);
        const int Bins = IndexShape.RotationBins;
        for (var trial = 0; trial < 2000; trial++)
        {
            // Two fingers back to back, as in the vote array: the second one's bins must not leak into the first's windows.
            var votes = new ushort[(2 * Bins) + RotationVotes.Padding];
            for (var i = 0; i < 2 * Bins; i++)
            {
                votes[i] = (ushort)(random.Next(4) == 0 ? random.Next(RotationVotes.MaxVotes + 1) : random.Next(8));
            }

            if (trial % 3 == 0)
            {
                votes[Bins - 1] = votes[0] = RotationVotes.MaxVotes; // the best window wraps around the circle
            }

            for (var finger = 0; finger < 2; finger++)
            {
                var bins = votes.AsSpan(finger * Bins, Bins);
                var expected = 0;
                var expectedBin = 0;
                var expectedTotal = 0;
                for (var b = 0; b < Bins; b++)
                {
                    expectedTotal += bins[b];
                    var window = bins[b] + bins[(b + 1) % Bins];
                    if (window > expected)
                    {
                        (expected, expectedBin) = (window, b);
                    }
                }

                Assert.Equal(expected, RotationVotes.Best(votes.AsSpan(finger * Bins, Bins + RotationVotes.Padding), out var total));
                Assert.Equal(expectedTotal, total);
                Assert.Equal(expected, RotationVotes.Best(votes.AsSpan(finger * Bins, Bins), out total)); // no padding: the plain loop
                Assert.Equal(expectedTotal, total);
                Assert.Equal(expected, bins[RotationVotes.BestBin(bins)] + bins[(RotationVotes.BestBin(bins) + 1) % Bins]);
                Assert.Equal(expectedBin, RotationVotes.BestBin(bins));
            }
        }
    }

    [Fact]
    public void Alignment_check_tells_mates_from_impostors_on_FVC2002()
    {
        // Every impression 2 of db1b fingers 101–110 against every impression 1, at each of the 64
        // rotation-window centres the votes can name; the check must rank the mate first for most.
        var gallery = Enumerable.Range(101, 10).Select(f => TestFingers.Fvc(f, 1)).ToList();
        var first = 0;
        for (var p = 0; p < 10; p++)
        {
            var check = new AlignmentCheck(TestFingers.Fvc(101 + p, 2).Minutiae);
            var best = gallery.Select(g => Enumerable.Range(0, IndexShape.RotationBins)
                .Max(bin => check.Score(g.ToBytes(), (bin << IndexShape.RotationShift) + (1 << IndexShape.RotationShift)))).ToList();
            first += best.IndexOf(best.Max()) == p ? 1 : 0;

            // Serialised and parsed minutiae give the same score.
            Assert.Equal(check.Score(gallery[p].Minutiae, 12), check.Score(gallery[p].ToBytes(), 12), 3);
        }

        output.WriteLine($"alignment check: mate best of 10 for {first}/10 probes");
        Assert.True(first >= 8, $"mate ranked first for {first}/10");
    }

    [Fact]
    public void Alignment_stage_keeps_rank_one_on_FVC2002()
    {
        // 40 gallery fingers; shortlist half of them by votes, then only 8 by alignment go to the matcher.
        string[] databases = ["db1b", "db2b", "db3b", "db4b"];
        var probes = databases.SelectMany(db => Enumerable.Range(101, 10).SelectMany(f => Enumerable.Range(2, 3).Select(i => (Truth: GalleryIndexTests.Id(db, f), Template: TestFingers.Fvc(f, i, db))))).ToList();
        double Rank1(GalleryOptions options)
        {
            using var index = new GalleryIndex(options);
            foreach (var db in databases)
            {
                foreach (var f in Enumerable.Range(101, 10))
                {
                    index.Upsert(GalleryIndexTests.Id(db, f), [(FingerPosition.RightIndex, TestFingers.Fvc(f, 1, db))]);
                }
            }

            return probes.Count(p => index.Search([new ProbeFinger(p.Template, FingerPosition.RightIndex)], 1) is [var top, ..] && top.PersonId == p.Truth) / (double)probes.Count;
        }

        var votesOnly = Rank1(new GalleryOptions { ShortlistFraction = 0.5, MinShortlist = 1, MatchCandidates = 0 });
        var aligned = Rank1(new GalleryOptions { ShortlistFraction = 0.5, MinShortlist = 1, MatchCandidates = 8 });
        var compact = Rank1(new GalleryOptions { ShortlistFraction = 0.5, MinShortlist = 1, MatchCandidates = 8, KeepPreparedTemplates = false });
        output.WriteLine($"rank-1 over {probes.Count} probes: votes shortlist 50 % {votesOnly:P1}; then alignment down to 8 fingers {aligned:P1} (compact {compact:P1})");
        Assert.True(aligned >= votesOnly - 0.05, $"alignment stage rank-1 {aligned:P1} against {votesOnly:P1}");
        Assert.Equal(aligned, compact, 6);
    }

    [Fact]
    public void Rare_pair_keys_outweigh_common_ones()
    {
        Assert.Equal(1, RotationVotes.Weight(30_000, 32_768));
        Assert.Equal(RotationVotes.MaxWeight, RotationVotes.Weight(1, 1 << 24));
        for (var length = 1; length < 32_768; length = (length * 3) + 1)
        {
            Assert.True(RotationVotes.Weight(length, 32_768) >= RotationVotes.Weight((length * 3) + 1, 32_768));
        }

        Assert.True(RotationVotes.Weight(10, 32_768) > 4 * RotationVotes.Weight(3_000, 32_768));
    }

    [Fact]
    public void Pair_votes_rank_synthetic_mates_near_the_top()
    {
        // 4,000 synthetic fingers (two partitions of 2,000), 100 second impressions followed
        // through the search: the votes must put nearly every mate within the 2.5 % shortlist.
        const int Seed = 11;
        const int Fingers = 4_000;
        using var index = new GalleryIndex(new GalleryOptions { Partitions = 2, KeepPreparedTemplates = false, MatchCandidates = 20 });
        for (var f = 0; f < Fingers; f++)
        {
            index.UpsertSerialized(Person(f), [(FingerPosition.RightIndex, SyntheticTemplates.Impression(Seed, f, 1).ToTemplate().ToBytes())]);
        }

        // Only mates the full matcher accepts (at FMR 1e-4) count: the others are lost anyway.
        var threshold = ScoreCalibration.ThresholdFor(1e-4);
        var ranks = new List<double>();
        var trace = new SearchTrace();
        for (var f = 0; f < Fingers; f += Fingers / 200)
        {
            var probe = SyntheticTemplates.Impression(Seed, f, 2).ToTemplate();
            if (new FingerprintMatcher(probe).Match(SyntheticTemplates.Impression(Seed, f, 1).ToTemplate()) < threshold)
            {
                continue;
            }

            trace.ClearMates();
            trace.Follow = Person(f);
            index.Search([new ProbeFinger(probe, FingerPosition.RightIndex)], 1, 0, null, prefilter: null, trace: trace, tuning: null);
            var mate = Assert.Single(trace.Mates);
            Assert.Equal(Fingers / 2, mate.Eligible);
            ranks.Add(mate.VoteRank / (double)mate.Eligible);
        }

        var within = ranks.Count(r => r < 0.025) / (double)ranks.Count;
        var top = ranks.Count(r => r < 0.005) / (double)ranks.Count;
        output.WriteLine($"accepted mates within the top 0.5 % of votes: {top:P1}; top 2.5 %: {within:P1} of {ranks.Count}");
        Assert.True(ranks.Count >= 150, $"{ranks.Count} accepted mates");
        Assert.True(within >= 0.97, $"accepted mates within the top 2.5 % of votes: {within:P1}");
    }

    private static PersonId Person(int finger) => PersonId.Parse("s" + finger.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
