using System.Numerics;
using Huella.Biometrics.Matching;

namespace Huella.Biometrics.Tests.Engine;

public sealed class BitCountingTests
{
    [Fact]
    public void Vector_counts_equal_scalar_popcounts()
    {
        var random = new Random(3);
        var words = CylinderLayout.Words;
        for (var round = 0; round < 200; round++)
        {
            var (a, b, va, vb) = (Random(random, words), Random(random, words), Random(random, words), Random(random, words));
            int xor = 0, countA = 0, countB = 0, differ = 0;
            for (var w = 0; w < words; w++)
            {
                xor += BitOperations.PopCount(a[w] ^ b[w]);
                countA += BitOperations.PopCount(a[w] & vb[w]);
                countB += BitOperations.PopCount(b[w] & va[w]);
                differ += BitOperations.PopCount((a[w] & vb[w]) ^ (b[w] & va[w]));
            }

            Assert.Equal(xor, BitCounting.XorCount(a, b));
            Assert.Equal((countA, countB, differ), BitCounting.MaskedCounts(a, va, b, vb));
        }
    }

    private static ulong[] Random(Random random, int words)
    {
        var values = new ulong[words];
        for (var i = 0; i < words; i++)
        {
            values[i] = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40);
        }

        return values;
    }
}
