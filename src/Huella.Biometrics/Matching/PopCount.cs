using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Huella.Biometrics.Matching;

/// <summary>
/// Population counts over cylinder words. With AVX2, four words at a time by nibble lookup
/// (<c>vpshufb</c>) and byte sums (<c>vpsadbw</c>), which beats one <c>popcnt</c> per word on the
/// ~21-word cylinders; a scalar tail covers the rest and machines without AVX2. Spans are checked
/// once on entry (all as long as the first), then read without per-word bounds checks.
/// </summary>
internal static class PopCount
{
    private static readonly Vector256<byte> NibbleCounts = Vector256.Create(
        (byte)0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4, 0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);

    /// <summary>Bits set in <c>a ^ b</c> over <paramref name="words"/> words.</summary>
    public static int Xor(ReadOnlySpan<ulong> first, ReadOnlySpan<ulong> second)
    {
        var words = first.Length;
        ArgumentOutOfRangeException.ThrowIfLessThan(second.Length, words);
        ref var a = ref MemoryMarshal.GetReference(first);
        ref var b = ref MemoryMarshal.GetReference(second);
        var total = 0;
        var w = 0;
        if (Avx2.IsSupported)
        {
            // Byte lanes gain at most 8 per block: safe for up to 31 blocks (124 words).
            var counts = Vector256<byte>.Zero;
            for (; w + 4 <= words; w += 4)
            {
                counts += Bytes(Vector256.LoadUnsafe(ref a, (nuint)w) ^ Vector256.LoadUnsafe(ref b, (nuint)w));
            }

            total = Sum(counts);
        }

        for (; w < words; w++)
        {
            total += BitOperations.PopCount(Unsafe.Add(ref a, w) ^ Unsafe.Add(ref b, w));
        }

        return total;
    }

    /// <summary>
    /// Bits set in <c>full &amp; mask</c> and in <c>(full ^ partial) &amp; mask</c>, where the partial
    /// cylinder's bits lie inside the mask (its own valid cells): the latter is then <c>(full &amp; mask) ^ partial</c>.
    /// </summary>
    public static void Masked(ReadOnlySpan<ulong> partialBits, ReadOnlySpan<ulong> fullBits, ReadOnlySpan<ulong> validMask, out int fullCount, out int differ)
    {
        var words = partialBits.Length;
        ArgumentOutOfRangeException.ThrowIfLessThan(fullBits.Length, words);
        ArgumentOutOfRangeException.ThrowIfLessThan(validMask.Length, words);
        ref var partial = ref MemoryMarshal.GetReference(partialBits);
        ref var full = ref MemoryMarshal.GetReference(fullBits);
        ref var mask = ref MemoryMarshal.GetReference(validMask);
        int count = 0, d = 0, w = 0;
        if (Avx2.IsSupported)
        {
            var counts = Vector256<byte>.Zero;
            var differs = Vector256<byte>.Zero;
            for (; w + 4 <= words; w += 4)
            {
                var m = Vector256.LoadUnsafe(ref mask, (nuint)w);
                var x = Vector256.LoadUnsafe(ref full, (nuint)w) & m;
                counts += Bytes(x);
                differs += Bytes(x ^ Vector256.LoadUnsafe(ref partial, (nuint)w));
            }

            count = Sum(counts);
            d = Sum(differs);
        }

        for (; w < words; w++)
        {
            var x = Unsafe.Add(ref full, w) & Unsafe.Add(ref mask, w);
            count += BitOperations.PopCount(x);
            d += BitOperations.PopCount(x ^ Unsafe.Add(ref partial, w));
        }

        fullCount = count;
        differ = d;
    }

    /// <summary>
    /// Bits set in <c>a &amp; common</c>, <c>b &amp; common</c> and <c>(a ^ b) &amp; common</c>, where common = maskA &amp; maskB
    /// and each cylinder's bits lie inside its own mask: <c>a &amp; common</c> is then <c>a &amp; maskB</c>.
    /// </summary>
    public static void MaskedBoth(ReadOnlySpan<ulong> bitsA, ReadOnlySpan<ulong> bitsB, ReadOnlySpan<ulong> validA, ReadOnlySpan<ulong> validB, out int countA, out int countB, out int differ)
    {
        var words = bitsA.Length;
        ArgumentOutOfRangeException.ThrowIfLessThan(bitsB.Length, words);
        ArgumentOutOfRangeException.ThrowIfLessThan(validA.Length, words);
        ArgumentOutOfRangeException.ThrowIfLessThan(validB.Length, words);
        ref var a = ref MemoryMarshal.GetReference(bitsA);
        ref var b = ref MemoryMarshal.GetReference(bitsB);
        ref var maskA = ref MemoryMarshal.GetReference(validA);
        ref var maskB = ref MemoryMarshal.GetReference(validB);
        int ca = 0, cb = 0, d = 0, w = 0;
        if (Avx2.IsSupported)
        {
            var countsA = Vector256<byte>.Zero;
            var countsB = Vector256<byte>.Zero;
            var differs = Vector256<byte>.Zero;
            for (; w + 4 <= words; w += 4)
            {
                var x = Vector256.LoadUnsafe(ref a, (nuint)w) & Vector256.LoadUnsafe(ref maskB, (nuint)w);
                var y = Vector256.LoadUnsafe(ref b, (nuint)w) & Vector256.LoadUnsafe(ref maskA, (nuint)w);
                countsA += Bytes(x);
                countsB += Bytes(y);
                differs += Bytes(x ^ y);
            }

            ca = Sum(countsA);
            cb = Sum(countsB);
            d = Sum(differs);
        }

        for (; w < words; w++)
        {
            var x = Unsafe.Add(ref a, w) & Unsafe.Add(ref maskB, w);
            var y = Unsafe.Add(ref b, w) & Unsafe.Add(ref maskA, w);
            ca += BitOperations.PopCount(x);
            cb += BitOperations.PopCount(y);
            d += BitOperations.PopCount(x ^ y);
        }

        countA = ca;
        countB = cb;
        differ = d;
    }

    // Bits set per byte.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Bytes(Vector256<ulong> value)
    {
        var bytes = value.AsByte();
        var low = bytes & Vector256.Create((byte)15);
        var high = Vector256.ShiftRightLogical(value.AsUInt16(), 4).AsByte() & Vector256.Create((byte)15);
        return Avx2.Shuffle(NibbleCounts, low) + Avx2.Shuffle(NibbleCounts, high);
    }

    private static int Sum(Vector256<byte> counts) =>
        (int)Vector256.Sum(Avx2.SumAbsoluteDifferences(counts, Vector256<byte>.Zero).AsUInt64());
}
