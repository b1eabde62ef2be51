namespace Huella.Biometrics.Tests.Synthesis;

/// <summary>
/// Counts ridge endings and bifurcations of a clean binary ridge map: Zhang–Suen thinning, then
/// the crossing number of every skeleton pixel (1 = ending, 3 = bifurcation).
/// </summary>
internal static class MinutiaeCount
{
    public static (int Endings, int Bifurcations) Count(bool[] ridge, int width, int height, Func<int, int, bool> counted)
    {
        var skeleton = (bool[])ridge.Clone();
        Thin(skeleton, width, height);
        int endings = 0, bifurcations = 0;
        for (var y = 1; y < height - 1; y++)
        {
            for (var x = 1; x < width - 1; x++)
            {
                if (!skeleton[(y * width) + x] || !counted(x, y))
                {
                    continue;
                }

                var ring = Ring(skeleton, width, x, y);
                var crossings = 0;
                for (var k = 0; k < 8; k++)
                {
                    crossings += ring[k] != ring[(k + 1) % 8] ? 1 : 0;
                }

                switch (crossings / 2)
                {
                    case 1:
                        endings++;
                        break;
                    case 3:
                        bifurcations++;
                        break;
                    default:
                        break;
                }
            }
        }

        return (endings, bifurcations);
    }

    /// <summary>The 8 neighbours clockwise from north (P2..P9 in Zhang and Suen's naming).</summary>
    private static bool[] Ring(bool[] image, int width, int x, int y) =>
    [
        image[((y - 1) * width) + x], image[((y - 1) * width) + x + 1], image[(y * width) + x + 1], image[((y + 1) * width) + x + 1],
        image[((y + 1) * width) + x], image[((y + 1) * width) + x - 1], image[(y * width) + x - 1], image[((y - 1) * width) + x - 1],
    ];

    private static void Thin(bool[] image, int width, int height)
    {
        var remove = new List<int>();
        bool changed;
        do
        {
            changed = false;
            for (var pass = 0; pass < 2; pass++)
            {
                remove.Clear();
                for (var y = 1; y < height - 1; y++)
                {
                    for (var x = 1; x < width - 1; x++)
                    {
                        if (!image[(y * width) + x])
                        {
                            continue;
                        }

                        var p = Ring(image, width, x, y);
                        var neighbours = p.Count(b => b);
                        var transitions = 0;
                        for (var k = 0; k < 8; k++)
                        {
                            transitions += !p[k] && p[(k + 1) % 8] ? 1 : 0;
                        }

                        var first = pass == 0 ? !(p[0] && p[2] && p[4]) && !(p[2] && p[4] && p[6]) : !(p[0] && p[2] && p[6]) && !(p[0] && p[4] && p[6]);
                        if (neighbours is >= 2 and <= 6 && transitions == 1 && first)
                        {
                            remove.Add((y * width) + x);
                        }
                    }
                }

                foreach (var i in remove)
                {
                    image[i] = false;
                }

                changed |= remove.Count > 0;
            }
        }
        while (changed);
    }
}
