using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Huella.Biometrics.Matching;

/// <summary>
/// Population count of the XOR of two cylinders. .NET exposes no vector popcount instruction, so on
/// AVX-512 hardware the count uses the nibble lookup table (one byte shuffle per 4 bits) and a sum of
/// absolute differences: three 512-bit vectors per cylinder instead of 24 scalar popcounts. Measured
/// about twice as fast on the development machine; other hardware takes the scalar loop.
/// </summary>
internal static class BitCounting
{
    private static readonly Vector512<byte> Nibbles = Vector512.Create(
        (byte)0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4,
        0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4,
        0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4,
        0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);

    public static int XorCount(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        if (Avx512BW.IsSupported && a.Length == b.Length && a.Length % 8 == 0 && a.Length <= 8 * 15)
        {
            var low = Vector512.Create((byte)0x0F);
            var counts = Vector512<byte>.Zero;
            for (var w = 0; w < a.Length; w += 8)
            {
                // At most 8 per byte per vector: 15 vectors cannot overflow a byte.
                counts += Count((Vector512.Create(a.Slice(w, 8)) ^ Vector512.Create(b.Slice(w, 8))).AsByte(), low);
            }

            return Sum(counts);
        }

        var total = 0;
        for (var w = 0; w < a.Length; w++)
        {
            total += BitOperations.PopCount(a[w] ^ b[w]);
        }

        return total;
    }

    /// <summary>
    /// For cylinders restricted to each other's valid cells (x = a ∧ validB, y = b ∧ validA): the
    /// population counts of x, of y and of x ⊕ y.
    /// </summary>
    public static (int CountA, int CountB, int Differ) MaskedCounts(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> validA, ReadOnlySpan<ulong> b, ReadOnlySpan<ulong> validB)
    {
        if (Avx512BW.IsSupported && a.Length == b.Length && a.Length == validA.Length && a.Length == validB.Length && a.Length % 8 == 0 && a.Length <= 8 * 15)
        {
            var low = Vector512.Create((byte)0x0F);
            var countsA = Vector512<byte>.Zero;
            var countsB = Vector512<byte>.Zero;
            var countsX = Vector512<byte>.Zero;
            for (var w = 0; w < a.Length; w += 8)
            {
                var x = (Vector512.Create(a.Slice(w, 8)) & Vector512.Create(validB.Slice(w, 8))).AsByte();
                var y = (Vector512.Create(b.Slice(w, 8)) & Vector512.Create(validA.Slice(w, 8))).AsByte();
                countsA += Count(x, low);
                countsB += Count(y, low);
                countsX += Count(x ^ y, low);
            }

            return (Sum(countsA), Sum(countsB), Sum(countsX));
        }

        int countA = 0, countB = 0, differ = 0;
        for (var w = 0; w < a.Length; w++)
        {
            var x = a[w] & validB[w];
            var y = b[w] & validA[w];
            countA += BitOperations.PopCount(x);
            countB += BitOperations.PopCount(y);
            differ += BitOperations.PopCount(x ^ y);
        }

        return (countA, countB, differ);
    }

    private static Vector512<byte> Count(Vector512<byte> x, Vector512<byte> low) =>
        Avx512BW.Shuffle(Nibbles, x & low) + Avx512BW.Shuffle(Nibbles, Vector512.ShiftRightLogical(x.AsUInt16(), 4).AsByte() & low);

    private static int Sum(Vector512<byte> counts) =>
        (int)Vector512.Sum(Avx512BW.SumAbsoluteDifferences(counts, Vector512<byte>.Zero).AsUInt64());
}
