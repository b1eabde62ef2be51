using Huella.Crypto;

namespace Huella.Crypto.Tests;

public sealed class SignedTreeHeadTests
{
    [Fact]
    public void A_head_verifies_by_its_key_only_and_any_changed_field_breaks_it()
    {
        using var key = SigningKey.Generate();
        using var other = SigningKey.Generate();
        var root = MerkleTree.LeafHash("acta"u8);
        var head = SignedTreeHead.Sign(7, root, DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_123), key);

        Assert.True(head.VerifiedBy(key.PublicKey));
        Assert.False(head.VerifiedBy(other.PublicKey));
        Assert.False((head with { Size = 8 }).VerifiedBy(key.PublicKey));
        Assert.False((head with { Timestamp = head.Timestamp.AddMilliseconds(1) }).VerifiedBy(key.PublicKey));
        Assert.False((head with { Root = [.. MerkleTree.EmptyRoot()] }).VerifiedBy(key.PublicKey));
        Assert.False((head with { Root = [] }).VerifiedBy(key.PublicKey));
    }
}
