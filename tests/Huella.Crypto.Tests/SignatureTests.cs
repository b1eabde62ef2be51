using Huella.Crypto;

namespace Huella.Crypto.Tests;

public sealed class SignatureTests
{
    [Fact]
    public void A_forged_or_altered_signature_does_not_verify()
    {
        using var machine = SigningKey.Generate();
        using var stranger = SigningKey.Generate();
        var acta = "mesa 040202001.01: EG 357, NM 114"u8.ToArray();
        var signature = machine.Sign(acta);

        Assert.True(machine.PublicKey.Verify(acta, signature));
        Assert.False(stranger.PublicKey.Verify(acta, signature));

        var altered = (byte[])acta.Clone();
        altered[^1] ^= 1;
        Assert.False(machine.PublicKey.Verify(altered, signature));

        var flipped = (byte[])signature.Clone();
        flipped[10] ^= 0x40;
        Assert.False(machine.PublicKey.Verify(acta, flipped));
        Assert.False(machine.PublicKey.Verify(acta, signature.AsSpan(0, 63)));
    }

    [Fact]
    public void A_key_survives_export_and_import_of_its_seed()
    {
        using var original = SigningKey.GenerateExportable();
        var seed = new byte[32];
        original.ExportSeed(seed);
        using var copy = SigningKey.FromSeed(seed);
        Assert.Equal(original.PublicKey, copy.PublicKey);
        Assert.Equal(16, original.PublicKey.Fingerprint.Length);
    }
}
