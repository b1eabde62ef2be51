using System.Security.Cryptography;

namespace Huella.Crypto;

/// <summary>
/// An append-only Merkle tree in the shape of RFC 6962 (Certificate Transparency) §2.1: leaf =
/// SHA-256(0x00 ‖ data), node = SHA-256(0x01 ‖ left ‖ right), the left subtree holding the largest
/// power of two below the leaf count. It answers for every prefix of itself: the root of the first
/// n leaves, an audit path into it, and a consistency proof between two of its sizes; anyone checks
/// them with <see cref="MerkleProof"/>.
/// </summary>
/// <remarks>
/// It keeps every complete subtree (2^k leaves starting at a multiple of 2^k), about two hashes per
/// leaf: every subtree the RFC's recursion asks for is one of those or splits into O(log n) of them,
/// so a root or a proof costs O(log n) hashes, and an append O(1) amortized. Not thread-safe.
/// </remarks>
public sealed class MerkleTree
{
    public const int HashSize = 32;

    // _levels[k][i] = root of leaves [i·2^k, (i+1)·2^k).
    private readonly List<List<byte[]>> _levels = [[]];

    /// <summary>Leaves appended so far.</summary>
    public long Size => _levels[0].Count;

    /// <summary>The root of the whole tree.</summary>
    public byte[] Root => RootAt(Size);

    /// <summary>SHA-256(0x00 ‖ <paramref name="data"/>).</summary>
    public static byte[] LeafHash(ReadOnlySpan<byte> data)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData([0x00]);
        sha.AppendData(data);
        return sha.GetHashAndReset();
    }

    /// <summary>SHA-256(0x01 ‖ <paramref name="left"/> ‖ <paramref name="right"/>).</summary>
    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData([0x01]);
        sha.AppendData(left);
        sha.AppendData(right);
        return sha.GetHashAndReset();
    }

    /// <summary>The root of an empty tree: SHA-256 of nothing.</summary>
    public static byte[] EmptyRoot() => SHA256.HashData([]);

    /// <summary>Appends a leaf by its data.</summary>
    public void Append(ReadOnlySpan<byte> data) => AppendLeafHash(LeafHash(data));

    /// <summary>Appends a leaf by its hash (<see cref="LeafHash"/> of its data).</summary>
    public void AppendLeafHash(ReadOnlySpan<byte> leafHash)
    {
        if (leafHash.Length != HashSize)
        {
            throw new ArgumentException("A leaf hash is 32 bytes.", nameof(leafHash));
        }

        _levels[0].Add(leafHash.ToArray());
        for (var k = 0; _levels[k].Count % 2 == 0; k++)
        {
            if (k + 1 == _levels.Count)
            {
                _levels.Add([]);
            }

            var level = _levels[k];
            _levels[k + 1].Add(NodeHash(level[^2], level[^1]));
        }
    }

    /// <summary>The hash of leaf <paramref name="index"/>.</summary>
    public byte[] LeafHashAt(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Size);
        return (byte[])_levels[0][(int)index].Clone();
    }

    /// <summary>MTH(D[0:size]): the root the tree had when it held <paramref name="size"/> leaves.</summary>
    public byte[] RootAt(long size)
    {
        CheckSize(size);
        return size == 0 ? EmptyRoot() : (byte[])Subtree(0, size).Clone();
    }

    /// <summary>
    /// PATH(index, D[0:size]) of RFC 6962 §2.1.1: the siblings from the leaf up to the root of the
    /// first <paramref name="size"/> leaves, concatenated (32 bytes each).
    /// </summary>
    public byte[] InclusionProof(long index, long size)
    {
        CheckSize(size);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, size);
        var path = new List<byte[]>();
        Path(index, 0, size, path);
        return Concatenate(path);
    }

    /// <summary>
    /// PROOF(first, D[0:second]) of RFC 6962 §2.1.2, concatenated: what shows that the tree of
    /// <paramref name="first"/> leaves is a prefix of the tree of <paramref name="second"/>. Empty when
    /// <paramref name="first"/> is 0 or equals <paramref name="second"/>.
    /// </summary>
    public byte[] ConsistencyProof(long first, long second)
    {
        CheckSize(second);
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(first, second);
        var proof = new List<byte[]>();
        if (first > 0 && first < second)
        {
            SubProof(first, 0, second, complete: true, proof);
        }

        return Concatenate(proof);
    }

    /// <summary>The largest power of two strictly below <paramref name="n"/> (n ≥ 2): where RFC 6962 splits n leaves.</summary>
    internal static long Split(long n) => 1L << (int)(63 - long.LeadingZeroCount(n - 1));

    private void CheckSize(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, Size);
    }

    /// <summary>MTH(D[start:start+count]), count ≥ 1, within the leaves appended.</summary>
    private byte[] Subtree(long start, long count)
    {
        if (long.IsPow2(count) && start % count == 0)
        {
            var level = (int)long.Log2(count);
            return _levels[level][(int)(start >> level)];
        }

        var k = Split(count);
        return NodeHash(Subtree(start, k), Subtree(start + k, count - k));
    }

    private void Path(long index, long start, long count, List<byte[]> path)
    {
        if (count == 1)
        {
            return;
        }

        var k = Split(count);
        if (index < k)
        {
            Path(index, start, k, path);
            path.Add(Subtree(start + k, count - k));
        }
        else
        {
            Path(index - k, start + k, count - k, path);
            path.Add(Subtree(start, k));
        }
    }

    private void SubProof(long m, long start, long count, bool complete, List<byte[]> proof)
    {
        if (m == count)
        {
            if (!complete)
            {
                proof.Add(Subtree(start, count));
            }

            return;
        }

        var k = Split(count);
        if (m <= k)
        {
            SubProof(m, start, k, complete, proof);
            proof.Add(Subtree(start + k, count - k));
        }
        else
        {
            SubProof(m - k, start + k, count - k, complete: false, proof);
            proof.Add(Subtree(start, k));
        }
    }

    private static byte[] Concatenate(List<byte[]> hashes)
    {
        var all = new byte[hashes.Count * HashSize];
        for (var i = 0; i < hashes.Count; i++)
        {
            hashes[i].CopyTo(all, i * HashSize);
        }

        return all;
    }
}
