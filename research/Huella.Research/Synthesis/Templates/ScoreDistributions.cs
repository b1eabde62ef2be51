using Huella.Biometrics;

namespace Huella.Research.Synthesis.Templates;

/// <summary>Genuine and impostor scores of a set of templates, each unordered pair once.</summary>
public sealed record ScoreDistributions(double[] Genuine, double[] Impostor)
{
    /// <summary>
    /// Scores every unordered pair (the matcher is symmetric, so ordered pairs would only double
    /// each score): same <c>Finger</c> is genuine, else impostor. Runs on all cores; the result
    /// does not depend on how many.
    /// </summary>
    public static ScoreDistributions Measure(IReadOnlyList<(FingerprintTemplate Template, int Finger)> templates)
    {
        ArgumentNullException.ThrowIfNull(templates);
        var rows = new (List<double> Genuine, List<double> Impostor)[templates.Count];
        Parallel.For(0, templates.Count, i =>
        {
            var matcher = new FingerprintMatcher(templates[i].Template);
            var genuine = new List<double>();
            var impostor = new List<double>();
            for (var j = i + 1; j < templates.Count; j++)
            {
                var score = matcher.Match(templates[j].Template);
                (templates[i].Finger == templates[j].Finger ? genuine : impostor).Add(score);
            }

            rows[i] = (genuine, impostor);
        });
        return new ScoreDistributions([.. rows.SelectMany(r => r.Genuine)], [.. rows.SelectMany(r => r.Impostor)]);
    }

    /// <summary>
    /// Two-sample Kolmogorov–Smirnov statistic: the largest gap between the two empirical
    /// distribution functions (0 identical, 1 disjoint). Ties are stepped over together.
    /// </summary>
    public static double KolmogorovSmirnov(IReadOnlyCollection<double> first, IReadOnlyCollection<double> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Count == 0 || second.Count == 0)
        {
            throw new ArgumentException("Both samples need at least one value.");
        }

        var a = first.Order().ToArray();
        var b = second.Order().ToArray();
        int i = 0, j = 0;
        double largest = 0;
        while (i < a.Length && j < b.Length)
        {
            var value = Math.Min(a[i], b[j]);
            while (i < a.Length && a[i] <= value)
            {
                i++;
            }

            while (j < b.Length && b[j] <= value)
            {
                j++;
            }

            largest = Math.Max(largest, Math.Abs(((double)i / a.Length) - ((double)j / b.Length)));
        }

        return largest;
    }

    /// <summary>Share of <paramref name="scores"/> at or above <paramref name="threshold"/>.</summary>
    public static double ShareAtOrAbove(IReadOnlyCollection<double> scores, double threshold)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return scores.Count == 0 ? 0 : (double)scores.Count(s => s >= threshold) / scores.Count;
    }
}
