using Huella.Biometrics;

namespace Huella.Research.Synthesis.Templates;

/// <summary>
/// The numbers a synthetic template set must reproduce, measured the same way on real and synthetic
/// templates: how many minutiae, where, how they are spaced, how their directions agree with their
/// neighbours', and their types and qualities. <see cref="Measure"/> is what
/// <c>SyntheticTemplateParameters</c> was fitted on.
/// </summary>
public sealed record TemplateStatistics
{
    /// <summary>Neighbours closer than this (pixels) count for the direction statistics.</summary>
    public const float NeighbourRadius = 40;

    public int Templates { get; init; }

    public double CountMean { get; init; }

    public double CountDeviation { get; init; }

    public double CountP10 { get; init; }

    public double CountP90 { get; init; }

    /// <summary>Share of endings among all minutiae.</summary>
    public double EndingShare { get; init; }

    public double MinutiaQualityMean { get; init; }

    public double MinutiaQualityDeviation { get; init; }

    public double TemplateQualityMean { get; init; }

    /// <summary>Distance from each minutia to its nearest neighbour: percentiles 5, 50, 95.</summary>
    public double NearestP05 { get; init; }

    public double NearestMedian { get; init; }

    public double NearestP95 { get; init; }

    /// <summary>Deviation of the minutiae around their centroid, per axis (the spread of the print).</summary>
    public double SpreadX { get; init; }

    public double SpreadY { get; init; }

    /// <summary>
    /// Mean of cos 2Δθ over neighbour pairs: 1 when neighbours lie on parallel ridges, 0 for
    /// directions drawn at random. Real ridge flow is smooth, so real prints score high.
    /// </summary>
    public double NeighbourAxisAgreement { get; init; }

    /// <summary>Share of neighbour pairs pointing the same way (Δθ below 90°) rather than opposite.</summary>
    public double NeighbourSameSense { get; init; }

    public static TemplateStatistics Measure(IEnumerable<IReadOnlyList<Minutia>> templates, IEnumerable<int>? templateQualities = null)
    {
        ArgumentNullException.ThrowIfNull(templates);
        var counts = new List<double>();
        var nearest = new List<double>();
        var qualities = new List<double>();
        double endings = 0, spreadX = 0, spreadY = 0, axis = 0, same = 0, pairs = 0;
        foreach (var minutiae in templates)
        {
            counts.Add(minutiae.Count);
            if (minutiae.Count == 0)
            {
                continue;
            }

            double cx = 0, cy = 0;
            foreach (var m in minutiae)
            {
                cx += m.X;
                cy += m.Y;
                endings += m.Type == MinutiaType.Ending ? 1 : 0;
                qualities.Add(m.Quality);
            }

            cx /= minutiae.Count;
            cy /= minutiae.Count;
            double sx = 0, sy = 0;
            for (var i = 0; i < minutiae.Count; i++)
            {
                var a = minutiae[i];
                sx += (a.X - cx) * (a.X - cx);
                sy += (a.Y - cy) * (a.Y - cy);
                var best = double.PositiveInfinity;
                for (var j = 0; j < minutiae.Count; j++)
                {
                    if (j == i)
                    {
                        continue;
                    }

                    var b = minutiae[j];
                    var d = Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));
                    best = Math.Min(best, d);
                    if (j > i && d < NeighbourRadius)
                    {
                        var delta = a.Direction - b.Direction;
                        axis += Math.Cos(2 * delta);
                        same += Math.Cos(delta) > 0 ? 1 : 0;
                        pairs++;
                    }
                }

                if (!double.IsPositiveInfinity(best))
                {
                    nearest.Add(best);
                }
            }

            spreadX += Math.Sqrt(sx / minutiae.Count);
            spreadY += Math.Sqrt(sy / minutiae.Count);
        }

        var total = qualities.Count;
        var withMinutiae = counts.Count(c => c > 0);
        var templateQualityList = templateQualities?.Select(q => (double)q).ToList() ?? [];
        return new TemplateStatistics
        {
            Templates = counts.Count,
            CountMean = Mean(counts),
            CountDeviation = Deviation(counts),
            CountP10 = Percentile(counts, 0.10),
            CountP90 = Percentile(counts, 0.90),
            EndingShare = total == 0 ? 0 : endings / total,
            MinutiaQualityMean = Mean(qualities),
            MinutiaQualityDeviation = Deviation(qualities),
            TemplateQualityMean = Mean(templateQualityList),
            NearestP05 = Percentile(nearest, 0.05),
            NearestMedian = Percentile(nearest, 0.5),
            NearestP95 = Percentile(nearest, 0.95),
            SpreadX = withMinutiae == 0 ? 0 : spreadX / withMinutiae,
            SpreadY = withMinutiae == 0 ? 0 : spreadY / withMinutiae,
            NeighbourAxisAgreement = pairs == 0 ? 0 : axis / pairs,
            NeighbourSameSense = pairs == 0 ? 0 : same / pairs,
        };
    }

    /// <summary>The <paramref name="fraction"/> quantile by linear interpolation between order statistics.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double fraction)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToArray();
        var at = fraction * (sorted.Length - 1);
        var low = (int)Math.Floor(at);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((at - low) * (sorted[high] - sorted[low]));
    }

    private static double Mean(List<double> values) => values.Count == 0 ? 0 : values.Average();

    private static double Deviation(List<double> values)
    {
        if (values.Count < 2)
        {
            return 0;
        }

        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }
}
