namespace Huella.Biometrics.Matching;

internal static class SortedSearch
{
    /// <summary>First index whose value is ≥ <paramref name="target"/> in an ascending span (its length when none is).</summary>
    public static int LowerBound(ReadOnlySpan<float> sorted, float target)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < target)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
