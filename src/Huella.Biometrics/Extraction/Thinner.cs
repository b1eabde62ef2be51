using System.Numerics;

namespace Huella.Biometrics.Extraction;

/// <summary>
/// Reduces ridges to one-pixel-wide skeletons: Zhang–Suen thinning driven by 256-entry tables, then
/// one pass removing the redundant corner pixels it leaves, so that along a ridge every pixel has
/// exactly two neighbours and minutiae can be read from neighbour counts.
/// </summary>
internal static class Thinner
{
    private static readonly bool[] DeletableFirst = BuildZhangSuen(first: true);
    private static readonly bool[] DeletableSecond = BuildZhangSuen(first: false);

    /// <summary>Number of 8-connected groups the set neighbours form around the pixel (0–4).</summary>
    internal static readonly byte[] Components = BuildComponents();

    public static void Thin(BinaryImage image)
    {
        var pixels = image.Pixels;
        var candidates = new List<int>();
        for (var i = 0; i < pixels.Length; i++)
        {
            if (pixels[i] != 0)
            {
                candidates.Add(i);
            }
        }

        var delete = new List<int>();
        var changed = true;
        while (changed)
        {
            changed = false;
            for (var pass = 0; pass < 2; pass++)
            {
                var table = pass == 0 ? DeletableFirst : DeletableSecond;
                delete.Clear();
                foreach (var i in candidates)
                {
                    if (table[image.Neighbours(i)])
                    {
                        delete.Add(i);
                    }
                }

                if (delete.Count == 0)
                {
                    continue;
                }

                changed = true;
                foreach (var i in delete)
                {
                    pixels[i] = 0;
                }

                candidates.RemoveAll(i => pixels[i] == 0);
            }
        }

        // Staircase cleanup: a pixel whose neighbours stay connected without it only thickens the line.
        foreach (var i in candidates)
        {
            var code = image.Neighbours(i);
            if (BitOperations.PopCount((uint)code) >= 2 && Components[code] == 1)
            {
                pixels[i] = 0;
            }
        }
    }

    private static bool[] BuildZhangSuen(bool first)
    {
        var table = new bool[256];
        for (var c = 0; c < 256; c++)
        {
            bool Bit(int k) => ((c >> k) & 1) != 0;
            var count = BitOperations.PopCount((uint)c);
            var transitions = 0;
            for (var k = 0; k < 8; k++)
            {
                if (!Bit(k) && Bit((k + 1) % 8))
                {
                    transitions++;
                }
            }

            var n = Bit(0);
            var e = Bit(2);
            var s = Bit(4);
            var w = Bit(6);
            var directional = first
                ? !(n && e && s) && !(e && s && w)
                : !(n && e && w) && !(n && s && w);
            table[c] = count >= 2 && count <= 6 && transitions == 1 && directional;
        }

        return table;
    }

    private static byte[] BuildComponents()
    {
        var table = new byte[256];
        Span<int> parent = stackalloc int[8];
        for (var c = 0; c < 256; c++)
        {
            for (var k = 0; k < 8; k++)
            {
                parent[k] = k;
            }

            for (var k = 0; k < 8; k++)
            {
                if (((c >> k) & 1) == 0)
                {
                    continue;
                }

                var next = (k + 1) % 8;
                if (((c >> next) & 1) != 0)
                {
                    Union(parent, k, next);
                }

                // Two 4-neighbours two steps apart on the ring touch diagonally.
                var skip = (k + 2) % 8;
                if (k % 2 == 0 && ((c >> skip) & 1) != 0)
                {
                    Union(parent, k, skip);
                }
            }

            var groups = 0;
            for (var k = 0; k < 8; k++)
            {
                if (((c >> k) & 1) != 0 && Find(parent, k) == k)
                {
                    groups++;
                }
            }

            table[c] = (byte)groups;
        }

        return table;
    }

    private static int Find(Span<int> parent, int k)
    {
        while (parent[k] != k)
        {
            k = parent[k];
        }

        return k;
    }

    private static void Union(Span<int> parent, int a, int b)
    {
        var ra = Find(parent, a);
        var rb = Find(parent, b);
        if (ra != rb)
        {
            parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
        }
    }
}
