using System.Security.Cryptography;

namespace Huella.Crypto;

/// <summary>
/// Checks RFC 6962 proofs with the verification algorithms of RFC 9162 §2.1.3.2 (inclusion) and
/// §2.1.4.2 (consistency), holding nothing but the proof: what an observer runs against a signed
/// tree head. Proofs are their hashes concatenated, 32 bytes each, as <see cref="MerkleTree"/> makes
/// them; anything else (a length that is no multiple of 32, a hash too many or too few) is false.
/// </summary>
public static class MerkleProof
{
    private const int HashSize = MerkleTree.HashSize;

    /// <summary>True when <paramref name="proof"/> proves that <paramref name="leafHash"/> is leaf <paramref name="index"/> of the tree of <paramref name="size"/> leaves whose root is <paramref name="root"/>.</summary>
    public static bool VerifyInclusion(ReadOnlySpan<byte> leafHash, long index, long size, ReadOnlySpan<byte> proof, ReadOnlySpan<byte> root)
    {
        if (index < 0 || index >= size || leafHash.Length != HashSize || root.Length != HashSize || proof.Length % HashSize != 0)
        {
            return false;
        }

        var fn = index;
        var sn = size - 1;
        var r = leafHash.ToArray();
        for (var at = 0; at < proof.Length; at += HashSize)
        {
            var p = proof.Slice(at, HashSize);
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = MerkleTree.NodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = MerkleTree.NodeHash(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && CryptographicOperations.FixedTimeEquals(r, root);
    }

    /// <summary>
    /// True when <paramref name="proof"/> proves that the tree of <paramref name="first"/> leaves with
    /// <paramref name="firstRoot"/> is a prefix of the tree of <paramref name="second"/> leaves with
    /// <paramref name="secondRoot"/>: nothing the first held was changed or removed. Equal sizes need
    /// equal roots and an empty proof; from size 0 any tree follows (an empty proof).
    /// </summary>
    public static bool VerifyConsistency(long first, long second, ReadOnlySpan<byte> proof, ReadOnlySpan<byte> firstRoot, ReadOnlySpan<byte> secondRoot)
    {
        if (first < 0 || second < first || firstRoot.Length != HashSize || secondRoot.Length != HashSize || proof.Length % HashSize != 0)
        {
            return false;
        }

        if (first == second)
        {
            return proof.IsEmpty && CryptographicOperations.FixedTimeEquals(firstRoot, secondRoot);
        }

        if (first == 0)
        {
            return proof.IsEmpty;
        }

        if (proof.IsEmpty)
        {
            return false;
        }

        // A first tree that is a complete subtree is itself the proof's first node (RFC 9162 §2.1.4.2 step 2).
        var path = long.IsPow2(first) ? [.. firstRoot, .. proof] : proof.ToArray();
        var fn = first - 1;
        var sn = second - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        var fr = path.AsSpan(0, HashSize).ToArray();
        var sr = fr;
        for (var at = HashSize; at < path.Length; at += HashSize)
        {
            var c = path.AsSpan(at, HashSize);
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = MerkleTree.NodeHash(c, fr);
                sr = MerkleTree.NodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                sr = MerkleTree.NodeHash(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && CryptographicOperations.FixedTimeEquals(fr, firstRoot) && CryptographicOperations.FixedTimeEquals(sr, secondRoot);
    }
}
