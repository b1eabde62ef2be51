using Huella.Crypto;

namespace Huella.Crypto.Tests;

/// <summary>A private key leaves its handle only when it was made for a file that must hold it.</summary>
public sealed class KeyExportTests
{
    [Fact]
    public void A_generated_signing_key_refuses_export()
    {
        using var key = SigningKey.Generate();
        var seed = new byte[32];
        Assert.Throws<InvalidOperationException>(() => key.ExportSeed(seed));
        Assert.All(seed, b => Assert.Equal(0, b));
    }

    [Fact]
    public void A_generated_sealing_key_refuses_export()
    {
        using var key = SealingKey.Generate();
        var seed = new byte[32];
        Assert.Throws<InvalidOperationException>(() => key.ExportSeed(seed));
        Assert.All(seed, b => Assert.Equal(0, b));
    }

    [Fact]
    public void An_exportable_key_writes_the_seed_it_is_rebuilt_from()
    {
        using var signing = SigningKey.GenerateExportable();
        using var sealing = SealingKey.GenerateExportable();
        var seed = new byte[32];

        signing.ExportSeed(seed);
        using (var copy = SigningKey.FromSeed(seed))
        {
            Assert.Equal(signing.PublicKey, copy.PublicKey);
        }

        sealing.ExportSeed(seed);
        using (var copy = SealingKey.FromSeed(seed))
        {
            Assert.Equal(sealing.PublicKey.ToArray(), copy.PublicKey.ToArray());
        }
    }
}
