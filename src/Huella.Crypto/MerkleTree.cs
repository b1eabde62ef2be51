using System.Security.Cryptography;

namespace Huella.Crypto;

/// <summary>
/// A Merkle tree over published items (actas, roll packages) in the shape of RFC 6962 (Certificate
/// Transparency): leaf = SHA-256(0x00 ‖ item), node = SHA-256(0x01 ‖ left ‖ right), the left subtree
/// holding the largest power of two below the leaf count. An observer holding one item and a short
/// proof can check it is in the published root.
/// </summary>
public sealed class MerkleTree
{
    private readonly byte[][] _leaves;

    public MerkleTree(IEnumerable<byte[]> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _leaves = [.. items.Select(LeafHash)];
        Root = RootOf(0, _leaves.Length);
    }

    public int Count => _leaves.Length;

    public byte[] Root { get; }

    public static byte[] LeafHash(byte[] item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return SHA256.HashData([0x00, .. item]);
    }

    /// <summary>The audit path for leaf <paramref name="index"/>, from the leaf upwards.</summary>
    public IReadOnlyList<byte[]> InclusionProof(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var path = new List<byte[]>();
        Collect(index, 0, Count, path);
        return path;
    }

    /// <summary>Checks that <paramref name="item"/> is leaf <paramref name="index"/> of a tree of <paramref name="count"/> leaves with <paramref name="root"/>.</summary>
    public static bool VerifyInclusion(byte[] item, int index, int count, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (index < 0 || index >= count)
        {
            return false;
        }

        // RFC 9162 §2.1.3.2: walk up with the last node index.
        var fn = (long)index;
        var sn = (long)count - 1;
        var r = LeafHash(item);
        foreach (var p in proof)
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = Node(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = Node(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && CryptographicOperations.FixedTimeEquals(r, root);
    }

    private byte[] RootOf(int start, int count)
    {
        if (count == 0)
        {
            return SHA256.HashData([]);
        }

        if (count == 1)
        {
            return _leaves[start];
        }

        var split = LargestPowerOfTwoBelow(count);
        return Node(RootOf(start, split), RootOf(start + split, count - split));
    }

    private void Collect(int index, int start, int count, List<byte[]> path)
    {
        if (count == 1)
        {
            return;
        }

        var split = LargestPowerOfTwoBelow(count);
        if (index < start + split)
        {
            Collect(index, start, split, path);
            path.Add(RootOf(start + split, count - split));
        }
        else
        {
            Collect(index, start + split, count - split, path);
            path.Add(RootOf(start, split));
        }
    }

    private static int LargestPowerOfTwoBelow(int n) => 1 << (31 - int.LeadingZeroCount(n - 1));

    private static byte[] Node(byte[] left, byte[] right) => SHA256.HashData([0x01, .. left, .. right]);
}
