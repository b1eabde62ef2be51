using System.Security.Cryptography;
using System.Text;
using Huella.Crypto;

namespace Huella.Crypto.Tests;

/// <summary>
/// The tree against a naive recomputation written straight from RFC 6962 §2.1 (MTH, PATH, PROOF on
/// lists), for every size and pair of sizes up to 64, and every proof against the verifier.
/// </summary>
public sealed class MerkleTreeTests
{
    private const int Largest = 64;

    private static readonly byte[][] Items = [.. Enumerable.Range(0, Largest).Select(i => Encoding.UTF8.GetBytes($"acta {i}"))];

    private static readonly MerkleTree Tree = Build(Largest);

    private static MerkleTree Build(int size)
    {
        var tree = new MerkleTree();
        foreach (var item in Items.Take(size))
        {
            tree.Append(item);
        }

        return tree;
    }

    private static byte[] Mth(ReadOnlySpan<byte[]> d)
    {
        if (d.Length == 0)
        {
            return SHA256.HashData([]);
        }

        if (d.Length == 1)
        {
            return SHA256.HashData([0x00, .. d[0]]);
        }

        var k = 1;
        while (k * 2 < d.Length)
        {
            k *= 2;
        }

        return SHA256.HashData([0x01, .. Mth(d[..k]), .. Mth(d[k..])]);
    }

    private static List<byte[]> NaivePath(int m, ReadOnlySpan<byte[]> d)
    {
        if (d.Length == 1)
        {
            return [];
        }

        var k = 1;
        while (k * 2 < d.Length)
        {
            k *= 2;
        }

        return m < k ? [.. NaivePath(m, d[..k]), Mth(d[k..])] : [.. NaivePath(m - k, d[k..]), Mth(d[..k])];
    }

    private static List<byte[]> NaiveSubProof(int m, ReadOnlySpan<byte[]> d, bool b)
    {
        if (m == d.Length)
        {
            return b ? [] : [Mth(d)];
        }

        var k = 1;
        while (k * 2 < d.Length)
        {
            k *= 2;
        }

        return m <= k ? [.. NaiveSubProof(m, d[..k], b), Mth(d[k..])] : [.. NaiveSubProof(m - k, d[k..], false), Mth(d[..k])];
    }

    public static TheoryData<int> Sizes => [.. Enumerable.Range(1, Largest)];

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Roots_equal_the_naive_recursion_whether_grown_or_built(int size)
    {
        var expected = Mth(Items.AsSpan(0, size));
        Assert.Equal(expected, Tree.RootAt(size));
        var grown = Build(size);
        Assert.Equal(size, grown.Size);
        Assert.Equal(expected, grown.Root);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Every_leaf_proves_its_inclusion_in_the_tree_of_this_size_and_nothing_else_does(int size)
    {
        var root = Tree.RootAt(size);
        for (var i = 0; i < size; i++)
        {
            var proof = Tree.InclusionProof(i, size);
            Assert.Equal(NaivePath(i, Items.AsSpan(0, size)).SelectMany(h => h), proof);
            var leaf = MerkleTree.LeafHash(Items[i]);
            Assert.Equal(leaf, Tree.LeafHashAt(i));
            Assert.True(MerkleProof.VerifyInclusion(leaf, i, size, proof, root));
            Assert.False(MerkleProof.VerifyInclusion(MerkleTree.LeafHash("forged acta"u8), i, size, proof, root));
            Assert.False(MerkleProof.VerifyInclusion(leaf, i, size * 2, proof, root));
            if (size > 1)
            {
                Assert.False(MerkleProof.VerifyInclusion(leaf, (i + 1) % size, size, proof, root));
                Assert.False(MerkleProof.VerifyInclusion(leaf, i, size, proof, Tree.RootAt(size - 1)));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Every_earlier_size_is_proved_a_prefix_and_a_changed_leaf_is_not(int second)
    {
        var root2 = Tree.RootAt(second);
        for (var first = 0; first <= second; first++)
        {
            var proof = Tree.ConsistencyProof(first, second);
            var expected = first == 0 ? [] : NaiveSubProof(first, Items.AsSpan(0, second), true);
            Assert.Equal(expected.SelectMany(h => h), proof);
            var root1 = Tree.RootAt(first);
            Assert.True(MerkleProof.VerifyConsistency(first, second, proof, root1, root2));
            if (first == 0 || first == second)
            {
                continue;
            }

            // The first tree with one leaf changed (a rewritten history) is not a prefix.
            var forged = Items.Take(first).ToArray();
            forged[first / 2] = "rewritten"u8.ToArray();
            Assert.False(MerkleProof.VerifyConsistency(first, second, proof, Mth(forged), root2));
            Assert.False(MerkleProof.VerifyConsistency(first, second, proof, root1, Tree.RootAt(second - 1)));
            Assert.False(MerkleProof.VerifyConsistency(first - 1, second, proof, root1, root2));
        }
    }

    [Fact]
    public void Out_of_range_requests_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Tree.RootAt(Largest + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Tree.InclusionProof(5, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Tree.ConsistencyProof(6, 5));
        Assert.Throws<ArgumentException>(() => new MerkleTree().AppendLeafHash(new byte[31]));
    }
}
