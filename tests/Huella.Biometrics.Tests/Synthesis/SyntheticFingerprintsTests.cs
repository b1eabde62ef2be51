using Huella.Research.Synthesis;

namespace Huella.Biometrics.Tests.Synthesis;

public sealed class SyntheticFingerprintsTests
{
    [Fact]
    public void Same_seed_and_finger_give_identical_pixels_whatever_the_thread()
    {
        var reference = SyntheticFingerprints.CreateFinger(42, 7).Impression(3).Pixels.ToArray();
        var others = new byte[4][];
        Parallel.For(0, others.Length, i => others[i] = SyntheticFingerprints.CreateFinger(42, 7).Impression(3).Pixels.ToArray());
        Assert.All(others, pixels => Assert.Equal(reference, pixels));
    }

    [Fact]
    public void Different_seeds_and_fingers_give_different_images()
    {
        var a = SyntheticFingerprints.CreateFinger(1, 1).Impression(1);
        var otherSeed = SyntheticFingerprints.CreateFinger(2, 1).Impression(1);
        var otherFinger = SyntheticFingerprints.CreateFinger(1, 2).Impression(1);
        Assert.True(MeanAbsoluteDifference(a.Pixels, otherSeed.Pixels) > 10);
        Assert.True(MeanAbsoluteDifference(a.Pixels, otherFinger.Pixels) > 10);
    }

    [Fact]
    public void Impressions_of_a_finger_differ_but_all_show_its_master_print()
    {
        var finger = SyntheticFingerprints.CreateFinger(5, 3);
        var stranger = SyntheticFingerprints.CreateFinger(6, 3);
        var width = finger.Parameters.MasterWidth;
        var first = finger.Impression(1);
        for (var i = 2; i <= 4; i++)
        {
            var impression = finger.Impression(i);
            Assert.True(MeanAbsoluteDifference(first.Pixels, impression.Pixels) > 5, $"impression {i} looks like impression 1");

            // Darkness of every finger pixel against the master ridge value it was rendered from.
            var geometry = finger.GeometryOf(i);
            var darkness = new List<double>();
            var own = new List<double>();
            var foreign = new List<double>();
            foreach (var (left, top) in ImageStatistics.ForegroundBlocks(impression))
            {
                for (var y = top; y < top + ImageStatistics.Block; y += 3)
                {
                    for (var x = left; x < left + ImageStatistics.Block; x += 3)
                    {
                        var (mx, my) = geometry.ToMaster(x, y);
                        var index = ((int)MathF.Round(my) * width) + (int)MathF.Round(mx);
                        if (mx < 0 || my < 0 || mx >= width || my >= finger.Parameters.MasterHeight)
                        {
                            continue;
                        }

                        darkness.Add(255 - impression[x, y]);
                        own.Add(finger.Master.Ridges[index]);
                        foreign.Add(stranger.Master.Ridges[index]);
                    }
                }
            }

            Assert.True(darkness.Count > 500, $"impression {i} has only {darkness.Count} finger samples");
            Assert.True(Correlation(darkness, own) > 0.5, $"impression {i}: correlation with its master {Correlation(darkness, own):F2}");
            Assert.InRange(Correlation(darkness, foreign), -0.15, 0.15);
        }
    }

    [Fact]
    public void Classes_follow_the_configured_frequencies()
    {
        const int Count = 400;
        var frequencies = SynthesisParameters.Default.ClassFrequencies;
        var counts = new int[5];
        for (var f = 0; f < Count; f++)
        {
            counts[(int)SyntheticFingerprints.CreateFinger(11, f).Class]++;
        }

        for (var c = 0; c < 5; c++)
        {
            var expected = Count * frequencies[c];
            var deviation = Math.Sqrt(expected * (1 - frequencies[c]));
            Assert.InRange(counts[c], expected - (4 * deviation) - 1, expected + (4 * deviation) + 1);
        }
    }

    [Fact]
    public void Singular_points_match_the_class()
    {
        for (var f = 0; f < 200; f++)
        {
            var finger = SyntheticFingerprints.CreateFinger(3, f);
            var cores = finger.SingularPoints.Where(p => p.Type == SingularPointType.Core).ToArray();
            var deltas = finger.SingularPoints.Where(p => p.Type == SingularPointType.Delta).ToArray();
            var expected = finger.Class switch
            {
                FingerClass.Arch => (0, 0),
                FingerClass.TentedArch or FingerClass.LeftLoop or FingerClass.RightLoop => (1, 1),
                _ => (2, 2),
            };
            Assert.Equal(expected, (cores.Length, deltas.Length));
            if (finger.Class == FingerClass.LeftLoop)
            {
                Assert.True(deltas[0].X > cores[0].X, $"finger {f}: a left loop's delta lies right of its core");
            }
            else if (finger.Class == FingerClass.RightLoop)
            {
                Assert.True(deltas[0].X < cores[0].X, $"finger {f}: a right loop's delta lies left of its core");
            }
        }
    }

    [Fact]
    public void Orientation_field_turns_by_half_a_turn_round_cores_and_back_round_deltas()
    {
        var checkedPoints = 0;
        for (var f = 0; f < 40 && checkedPoints < 30; f++)
        {
            var finger = SyntheticFingerprints.CreateFinger(8, f);
            foreach (var point in finger.SingularPoints)
            {
                var index = PoincareIndex(finger, point.X, point.Y, 12);
                Assert.Equal(point.Type == SingularPointType.Core ? 0.5 : -0.5, index, 3);
                checkedPoints++;
            }

            // Far from every singular point, the field does not turn.
            Assert.Equal(0, PoincareIndex(finger, 40, 420, 12), 3);
        }

        Assert.True(checkedPoints >= 30);
    }

    [Fact]
    public void Impression_ground_truth_maps_back_to_the_master()
    {
        var finger = SyntheticFingerprints.CreateFinger(9, 1);
        for (var i = 1; i <= 3; i++)
        {
            var geometry = finger.GeometryOf(i);
            var points = finger.SingularPointsIn(i);
            for (var p = 0; p < points.Count; p++)
            {
                var (x, y) = geometry.ToMaster(points[p].X, points[p].Y);
                Assert.Equal(finger.SingularPoints[p].X, x, 0.05);
                Assert.Equal(finger.SingularPoints[p].Y, y, 0.05);
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Grown_ridges_end_and_fork_about_as_often_as_on_real_fingers(int fingerIndex)
    {
        // A whole real pad shows some 40–100 minutiae; the inner 85 % of the pad scales that down.
        var finger = SyntheticFingerprints.CreateFinger(4, fingerIndex);
        var width = finger.Parameters.MasterWidth;
        var height = finger.Parameters.MasterHeight;
        var ridges = finger.Master.Ridges.Select(v => v > 0).ToArray();
        var (endings, bifurcations) = MinutiaeCount.Count(ridges, width, height, (x, y) => finger.Layout.Silhouette.Level(x, y) < 0.85);
        Assert.InRange(endings + bifurcations, 15, 140);
        Assert.True(endings > 0 && bifurcations > 0, $"{endings} endings, {bifurcations} bifurcations");
    }

    [Fact]
    public void Rejects_negative_indices()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticFingerprints.CreateFinger(1, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticFingerprints.CreateFinger(1, 1).Impression(-1));
    }

    /// <summary>Sum of orientation changes (mod π) along a circle, in turns: +1/2 core, -1/2 delta, 0 elsewhere.</summary>
    private static double PoincareIndex(SyntheticFinger finger, double x, double y, double radius)
    {
        const int Steps = 64;
        var total = 0.0;
        var previous = PatternOrientation.Direction(finger.Layout, finger.Parameters, x + radius, y);
        for (var s = 1; s <= Steps; s++)
        {
            var angle = 2 * Math.PI * s / Steps;
            var current = PatternOrientation.Direction(finger.Layout, finger.Parameters, x + (radius * Math.Cos(angle)), y + (radius * Math.Sin(angle)));
            var change = current - previous;
            change -= Math.PI * Math.Round(change / Math.PI);
            total += change;
            previous = current;
        }

        return total / (2 * Math.PI);
    }

    private static double MeanAbsoluteDifference(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        long sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += Math.Abs(a[i] - b[i]);
        }

        return (double)sum / a.Length;
    }

    private static double Correlation(List<double> a, List<double> b)
    {
        var meanA = a.Average();
        var meanB = b.Average();
        double ab = 0, aa = 0, bb = 0;
        for (var i = 0; i < a.Count; i++)
        {
            ab += (a[i] - meanA) * (b[i] - meanB);
            aa += (a[i] - meanA) * (a[i] - meanA);
            bb += (b[i] - meanB) * (b[i] - meanB);
        }

        return ab / Math.Sqrt(aa * bb);
    }
}
