namespace Huella.Crypto.Tests;

/// <summary>Secrets sealed with a PIN or passphrase (Argon2id, AES-GCM), and files written for their owner only.</summary>
public sealed class PassphraseSealTests : IDisposable
{
    // The smallest accepted cost keeps the tests quick; the default is what files are written with.
    private static readonly PassphraseCost Cheap = new(8 * 1024, 1);
    private static readonly byte[] Secret = "member key seed, 32 bytes long!!"u8.ToArray();
    private static readonly byte[] Context = "mesa 010101001.01 president"u8.ToArray();
    private readonly string _folder = Directory.CreateTempSubdirectory("huella-secret-").FullName;

    [Fact]
    public void The_right_passphrase_opens_what_it_sealed_and_the_sealed_bytes_hide_it()
    {
        var sealedBytes = PassphraseSeal.Seal(Secret, "482913", Context, Cheap);
        Assert.Equal(-1, sealedBytes.AsSpan().IndexOf("member key"u8));
        var opening = PassphraseSeal.Open(sealedBytes, "482913", Context);
        Assert.Equal(PassphraseOpenStatus.Opened, opening.Status);
        Assert.Equal(Secret, opening.Plaintext);
    }

    [Fact]
    public void A_wrong_passphrase_another_context_or_an_altered_byte_is_a_typed_refusal()
    {
        var sealedBytes = PassphraseSeal.Seal(Secret, "482913", Context, Cheap);
        Assert.Equal(PassphraseOpenStatus.Refused, PassphraseSeal.Open(sealedBytes, "482914", Context).Status);
        Assert.Equal(PassphraseOpenStatus.Refused, PassphraseSeal.Open(sealedBytes, "482913", "mesa 010101001.01 secretary"u8).Status);
        Assert.Equal(PassphraseOpenStatus.Refused, PassphraseSeal.Open(sealedBytes, string.Empty, Context).Status);
        var altered = sealedBytes.ToArray();
        altered[^20] ^= 1;
        var refused = PassphraseSeal.Open(altered, "482913", Context);
        Assert.Equal(PassphraseOpenStatus.Refused, refused.Status);
        Assert.Empty(refused.Plaintext);
    }

    [Fact]
    public void Truncated_bytes_or_work_factors_out_of_bounds_are_malformed_and_never_derived()
    {
        var sealedBytes = PassphraseSeal.Seal(Secret, "482913", Context, Cheap);
        Assert.Equal(PassphraseOpenStatus.Malformed, PassphraseSeal.Open(sealedBytes.AsSpan(0, 40), "482913", Context).Status);
        Assert.Equal(PassphraseOpenStatus.Malformed, PassphraseSeal.Open("not sealed at all, just some text"u8, "482913", Context).Status);

        // A file asking for 4 GiB per guess would exhaust the opener; one asking for 1 KiB would make guessing cheap.
        var greedy = sealedBytes.ToArray();
        greedy[4] = 0x7F;
        Assert.Equal(PassphraseOpenStatus.Malformed, PassphraseSeal.Open(greedy, "482913", Context).Status);
        var cheap = sealedBytes.ToArray();
        Array.Clear(cheap, 4, 4);
        Assert.Equal(PassphraseOpenStatus.Malformed, PassphraseSeal.Open(cheap, "482913", Context).Status);
        Assert.Throws<ArgumentOutOfRangeException>(() => PassphraseSeal.Seal(Secret, "482913", Context, new PassphraseCost(1024, 1)));
    }

    [Fact]
    public void The_default_cost_seals_and_opens()
    {
        var sealedBytes = PassphraseSeal.Seal(Secret, "correct horse battery staple", Context, PassphraseCost.Default);
        Assert.Equal(Secret, PassphraseSeal.Open(sealedBytes, "correct horse battery staple", Context).Plaintext);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_secret_file_is_written_at_0600_even_over_a_file_others_could_read()
    {
        var path = Path.Combine(_folder, "mesa.kit.json");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        SecretFile.WriteAllText(path, "{\"machine\": \"secret\"}");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal("{\"machine\": \"secret\"}", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_folder));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
