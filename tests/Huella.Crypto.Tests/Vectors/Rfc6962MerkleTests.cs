using Huella.Crypto;

namespace Huella.Crypto.Tests.Vectors;

/// <summary>
/// The Certificate Transparency reference tree (RFC 6962 hashing) of eight leaves, as the
/// certificate-transparency and transparency-dev/merkle test suites use it: the root of every
/// prefix, audit paths and consistency proofs, and the corruptions those suites require a verifier to refuse.
/// </summary>
public sealed class Rfc6962MerkleTests
{
    private static readonly byte[][] Leaves =
    [
        [],
        [0x00],
        [0x10],
        [0x20, 0x21],
        [0x30, 0x31],
        [0x40, 0x41, 0x42, 0x43],
        [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
        [0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f],
    ];

    private static readonly string[] Roots =
    [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    private static readonly byte[] SomeHash = Convert.FromHexString("abacaba000000000000000000000000000000000000000000060061e00123456");

    public static TheoryData<int, int, string[]> InclusionPaths => new()
    {
        { 0, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"] },
        { 5, 8, ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"] },
        { 2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"] },
        { 1, 5, ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"] },
        { 0, 1, [] },
    };

    public static TheoryData<int, int, string[]> ConsistencyProofs => new()
    {
        { 1, 1, [] },
        { 1, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"] },
        { 6, 8, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"] },
        { 2, 5, ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"] },
        { 6, 7, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"] },
    };

    private static MerkleTree Tree()
    {
        var tree = new MerkleTree();
        foreach (var leaf in Leaves)
        {
            tree.Append(leaf);
        }

        return tree;
    }

    private static byte[] Root(long size) => Convert.FromHexString(Roots[size - 1]);

    private static byte[] Concat(IEnumerable<string> hashes) => [.. hashes.SelectMany(Convert.FromHexString)];

    [Fact]
    public void The_root_of_every_prefix_matches_the_reference()
    {
        var tree = Tree();
        for (var size = 1; size <= 8; size++)
        {
            Assert.Equal(Roots[size - 1], Convert.ToHexStringLower(tree.RootAt(size)));
        }
    }

    [Fact]
    public void The_empty_tree_hashes_the_empty_string() =>
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Convert.ToHexStringLower(new MerkleTree().Root));

    [Theory]
    [MemberData(nameof(InclusionPaths))]
    public void Audit_paths_match_the_reference_and_verify(int index, int size, string[] path)
    {
        var proof = Concat(path);
        Assert.Equal(proof, Tree().InclusionProof(index, size));
        var leaf = MerkleTree.LeafHash(Leaves[index]);
        Assert.True(MerkleProof.VerifyInclusion(leaf, index, size, proof, Root(size)));

        // The corruptions the reference suites probe, each refused.
        var root = Root(size);
        Assert.False(MerkleProof.VerifyInclusion(leaf, index - 1, size, proof, root));
        Assert.False(MerkleProof.VerifyInclusion(leaf, index + 1, size, proof, root));
        Assert.False(MerkleProof.VerifyInclusion(leaf, index ^ 2, size, proof, root));
        Assert.False(MerkleProof.VerifyInclusion(leaf, index, size * 2, proof, root));
        Assert.False(MerkleProof.VerifyInclusion(leaf, index, size / 2, proof, root));
        Assert.False(MerkleProof.VerifyInclusion(MerkleTree.LeafHash("WrongLeaf"u8), index, size, proof, root));
        Assert.False(MerkleProof.VerifyInclusion(leaf, index, size, proof, MerkleTree.EmptyRoot()));
        Assert.False(MerkleProof.VerifyInclusion(leaf, index, size, proof, SomeHash));
        Assert.False(MerkleProof.VerifyInclusion(leaf, index, size, [.. proof, .. root], root));
        Assert.False(MerkleProof.VerifyInclusion(leaf, index, size, [.. root, .. proof], root));
        Assert.False(MerkleProof.VerifyInclusion(leaf, index, size, [.. proof, 0], root));
        for (var i = 0; i < path.Length; i++)
        {
            var flipped = proof.ToArray();
            flipped[i * 32] ^= 8;
            Assert.False(MerkleProof.VerifyInclusion(leaf, index, size, flipped, root));
        }

        if (path.Length > 0)
        {
            Assert.False(MerkleProof.VerifyInclusion(leaf, index, size, proof.AsSpan(0, proof.Length - 32), root));
        }

        if (path.Length > 1)
        {
            Assert.False(MerkleProof.VerifyInclusion(leaf, index, size, [.. proof.AsSpan(0, 32), .. SomeHash, .. proof.AsSpan(32)], root));
        }
    }

    [Theory]
    [MemberData(nameof(ConsistencyProofs))]
    public void Consistency_proofs_match_the_reference_and_verify(int first, int second, string[] hashes)
    {
        var proof = Concat(hashes);
        Assert.Equal(proof, Tree().ConsistencyProof(first, second));
        var (root1, root2) = (Root(first), Root(second));
        Assert.True(MerkleProof.VerifyConsistency(first, second, proof, root1, root2));
        if (hashes.Length == 0)
        {
            return;
        }

        Assert.False(MerkleProof.VerifyConsistency(first - 1, second, proof, root1, root2));
        Assert.False(MerkleProof.VerifyConsistency(first + 1, second, proof, root1, root2));
        Assert.False(MerkleProof.VerifyConsistency(first ^ 2, second, proof, root1, root2));
        Assert.False(MerkleProof.VerifyConsistency(first, second * 2, proof, root1, root2));
        Assert.False(MerkleProof.VerifyConsistency(first, second / 2, proof, root1, root2));
        Assert.False(MerkleProof.VerifyConsistency(first, second, proof, SomeHash, root2));
        Assert.False(MerkleProof.VerifyConsistency(first, second, proof, root1, SomeHash));
        Assert.False(MerkleProof.VerifyConsistency(first, second, proof, root2, root1));
        Assert.False(MerkleProof.VerifyConsistency(first, second, [], root1, root2));
        Assert.False(MerkleProof.VerifyConsistency(first, second, [.. proof, 0], root1, root2));
        Assert.False(MerkleProof.VerifyConsistency(first, second, [.. proof, .. root1], root1, root2));
        Assert.False(MerkleProof.VerifyConsistency(first, second, [.. proof, .. root2], root1, root2));
        Assert.False(MerkleProof.VerifyConsistency(first, second, [.. root1, .. proof], root1, root2));
        Assert.False(MerkleProof.VerifyConsistency(first, second, [.. root2, .. proof], root1, root2));
        Assert.False(MerkleProof.VerifyConsistency(first, second, [.. proof.AsSpan(0, 32), .. proof], root1, root2));
        Assert.False(MerkleProof.VerifyConsistency(first, second, proof.AsSpan(0, proof.Length - 32), root1, root2));
        for (var i = 0; i < hashes.Length; i++)
        {
            var flipped = proof.ToArray();
            flipped[i * 32] ^= 16;
            Assert.False(MerkleProof.VerifyConsistency(first, second, flipped, root1, root2));
        }
    }

    [Fact]
    public void Trivial_consistency_holds_only_where_the_reference_says()
    {
        var (root1, root2) = ("don't care 1, padded to 32 bytes"u8.ToArray(), "don't care 2, padded to 32 bytes"u8.ToArray());
        var empty = MerkleTree.EmptyRoot();
        Assert.True(MerkleProof.VerifyConsistency(0, 0, [], root1, root1));
        Assert.True(MerkleProof.VerifyConsistency(0, 1, [], root1, root2));
        Assert.True(MerkleProof.VerifyConsistency(1, 1, [], root2, root2));
        Assert.False(MerkleProof.VerifyConsistency(0, 0, [], root1, root2));
        Assert.False(MerkleProof.VerifyConsistency(1, 1, [], root1, root2));
        Assert.False(MerkleProof.VerifyConsistency(1, 0, [], root1, root2));
        Assert.False(MerkleProof.VerifyConsistency(2, 1, [], root1, root2));
        Assert.False(MerkleProof.VerifyConsistency(1, 2, [], root1, root2));
        Assert.False(MerkleProof.VerifyConsistency(0, 0, empty, empty, empty));
        Assert.False(MerkleProof.VerifyConsistency(0, 1, empty, empty, empty));
        Assert.False(MerkleProof.VerifyConsistency(1, 1, empty, empty, empty));
    }

    [Fact]
    public void A_single_leaf_is_its_own_root_with_an_empty_path()
    {
        var leaf = MerkleTree.LeafHash("data"u8);
        Assert.True(MerkleProof.VerifyInclusion(leaf, 0, 1, [], leaf));
        Assert.False(MerkleProof.VerifyInclusion(leaf, 0, 1, [], []));
        Assert.False(MerkleProof.VerifyInclusion([], 0, 1, [], leaf));
        foreach (var (index, size) in new[] { (0L, 0L), (1L, 0L), (2L, 1L) })
        {
            Assert.False(MerkleProof.VerifyInclusion(SomeHash, index, size, [], MerkleTree.EmptyRoot()));
        }
    }
}
