using System.Text;
using Huella.Crypto;

namespace Huella.Crypto.Tests;

public sealed class MerkleTreeTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(100)]
    public void Every_leaf_proves_its_inclusion_and_nothing_else_does(int count)
    {
        var items = Enumerable.Range(0, count).Select(i => Encoding.UTF8.GetBytes($"acta {i}")).ToArray();
        var tree = new MerkleTree(items);
        for (var i = 0; i < count; i++)
        {
            var proof = tree.InclusionProof(i);
            Assert.True(MerkleTree.VerifyInclusion(items[i], i, count, proof, tree.Root));
            Assert.False(MerkleTree.VerifyInclusion(Encoding.UTF8.GetBytes("forged acta"), i, count, proof, tree.Root));
            if (count > 1)
            {
                Assert.False(MerkleTree.VerifyInclusion(items[i], (i + 1) % count, count, proof, tree.Root));
            }
        }
    }
}
