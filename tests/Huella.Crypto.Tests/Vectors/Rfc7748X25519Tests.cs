using NSec.Cryptography;

namespace Huella.Crypto.Tests.Vectors;

/// <summary>RFC 7748 §6.1: X25519 key pairs and the shared secret of Alice and Bob.</summary>
public sealed class Rfc7748X25519Tests
{
    private const string AlicePrivate = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
    private const string AlicePublic = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
    private const string BobPrivate = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
    private const string BobPublic = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
    private const string Shared = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";

    [Fact]
    public void Public_keys_follow_from_the_private_keys()
    {
        using var alice = SealingKey.FromSeed(Convert.FromHexString(AlicePrivate));
        using var bob = SealingKey.FromSeed(Convert.FromHexString(BobPrivate));
        Assert.Equal(AlicePublic, Convert.ToHexStringLower(alice.PublicKey.Span));
        Assert.Equal(BobPublic, Convert.ToHexStringLower(bob.PublicKey.Span));
    }

    [Fact]
    public void Both_sides_agree_on_the_rfc_shared_secret()
    {
        using var alice = SealingKey.FromSeed(Convert.FromHexString(AlicePrivate));
        using var bob = SealingKey.FromSeed(Convert.FromHexString(BobPrivate));
        using var fromAlice = alice.Agree(Convert.FromHexString(BobPublic))!;
        using var fromBob = bob.Agree(Convert.FromHexString(AlicePublic))!;
        Assert.Equal(Shared, Convert.ToHexStringLower(fromAlice.Export(SharedSecretBlobFormat.RawSharedSecret)));
        Assert.Equal(Shared, Convert.ToHexStringLower(fromBob.Export(SharedSecretBlobFormat.RawSharedSecret)));
    }
}
