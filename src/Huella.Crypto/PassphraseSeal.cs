using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Huella.Crypto;

/// <summary>Why a passphrase-sealed secret did not open.</summary>
public enum PassphraseOpenStatus
{
    Opened,

    /// <summary>
    /// The passphrase is wrong or the sealed bytes were altered: AES-GCM cannot tell the two apart,
    /// and saying which would help whoever is guessing.
    /// </summary>
    Refused,

    /// <summary>Not a sealed secret, truncated, or with work factors outside what is accepted.</summary>
    Malformed,
}

/// <summary>The outcome of opening a passphrase-sealed secret; <see cref="Plaintext"/> only when opened (the caller wipes it).</summary>
public readonly record struct PassphraseOpening(PassphraseOpenStatus Status, byte[] Plaintext, string? Problem)
{
    public bool Opened => Status == PassphraseOpenStatus.Opened;
}

/// <summary>How expensive each passphrase guess is made: Argon2id memory (KiB) and passes.</summary>
public readonly record struct PassphraseCost(int MemoryKib, int Passes)
{
    /// <summary>
    /// 19 MiB and two passes, OWASP's floor for Argon2id: a fraction of a second for the holder, the
    /// same for every guess. A six-digit PIN still falls to a patient attacker who holds the file
    /// (10⁶ guesses); the file must stay with its member, and a longer passphrase raises the bar.
    /// </summary>
    public static PassphraseCost Default => new(19 * 1024, 2);

    // Bounds on what a file may ask for: the low one keeps guesses costly, the high one keeps a crafted
    // file from making the opener allocate without limit.
    internal const int MinMemoryKib = 8 * 1024;
    internal const int MaxMemoryKib = 1024 * 1024;
    internal const int MaxPasses = 16;

    internal bool IsAccepted => MemoryKib is >= MinMemoryKib and <= MaxMemoryKib && Passes is >= 1 and <= MaxPasses;
}

/// <summary>
/// A secret sealed with a passphrase or PIN, for key files a person carries: the AES-256-GCM key is
/// Argon2id(passphrase, random salt), so every guess costs the stated memory and time. The caller's
/// associated data (what the secret is for) is authenticated, not encrypted.
/// Layout: "HPW1" ‖ memory KiB (u32) ‖ passes (u32) ‖ salt (16) ‖ nonce (12) ‖ ciphertext ‖ tag (16).
/// </summary>
public static class PassphraseSeal
{
    private const int SaltSize = 16;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 4 + 4 + 4 + SaltSize + NonceSize;
    private static ReadOnlySpan<byte> Magic => "HPW1"u8;

    /// <summary>True when <paramref name="data"/> starts like a passphrase-sealed secret.</summary>
    public static bool Recognizes(ReadOnlySpan<byte> data) => data.StartsWith(Magic);

    public static byte[] Seal(ReadOnlySpan<byte> plaintext, string passphrase, ReadOnlySpan<byte> associatedData, PassphraseCost cost)
    {
        ArgumentException.ThrowIfNullOrEmpty(passphrase);
        if (!cost.IsAccepted)
        {
            throw new ArgumentOutOfRangeException(nameof(cost), "Argon2id memory must be 8 MiB to 1 GiB and passes 1 to 16.");
        }

        var sealedBytes = new byte[HeaderSize + plaintext.Length + TagSize];
        Magic.CopyTo(sealedBytes);
        BinaryPrimitives.WriteInt32BigEndian(sealedBytes.AsSpan(4), cost.MemoryKib);
        BinaryPrimitives.WriteInt32BigEndian(sealedBytes.AsSpan(8), cost.Passes);
        RandomNumberGenerator.Fill(sealedBytes.AsSpan(12, SaltSize + NonceSize));
        var header = sealedBytes.AsSpan(0, HeaderSize);
        Span<byte> key = stackalloc byte[32];
        try
        {
            DeriveKey(passphrase, header.Slice(12, SaltSize), cost, key);
            using var aes = new AesGcm(key, TagSize);
            aes.Encrypt(header.Slice(12 + SaltSize, NonceSize), plaintext, sealedBytes.AsSpan(HeaderSize, plaintext.Length), sealedBytes.AsSpan(sealedBytes.Length - TagSize), Associated(header, associatedData));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        return sealedBytes;
    }

    public static PassphraseOpening Open(ReadOnlySpan<byte> sealedBytes, string passphrase, ReadOnlySpan<byte> associatedData)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        if (sealedBytes.Length < HeaderSize + TagSize || !Recognizes(sealedBytes))
        {
            return new(PassphraseOpenStatus.Malformed, [], "not a passphrase-sealed secret, or truncated");
        }

        var cost = new PassphraseCost(BinaryPrimitives.ReadInt32BigEndian(sealedBytes[4..]), BinaryPrimitives.ReadInt32BigEndian(sealedBytes[8..]));
        if (!cost.IsAccepted)
        {
            return new(PassphraseOpenStatus.Malformed, [], $"Argon2id work factors out of range ({cost.MemoryKib} KiB, {cost.Passes} passes)");
        }

        if (passphrase.Length == 0)
        {
            return new(PassphraseOpenStatus.Refused, [], "the passphrase is empty");
        }

        var header = sealedBytes[..HeaderSize];
        var plaintext = new byte[sealedBytes.Length - HeaderSize - TagSize];
        Span<byte> key = stackalloc byte[32];
        try
        {
            DeriveKey(passphrase, header.Slice(12, SaltSize), cost, key);
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(header.Slice(12 + SaltSize, NonceSize), sealedBytes[HeaderSize..^TagSize], sealedBytes[^TagSize..], plaintext, Associated(header, associatedData));
            return new(PassphraseOpenStatus.Opened, plaintext, null);
        }
        catch (AuthenticationTagMismatchException)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            return new(PassphraseOpenStatus.Refused, [], "the passphrase is wrong or the file was altered");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private static byte[] Associated(ReadOnlySpan<byte> header, ReadOnlySpan<byte> associatedData) => [.. header, .. associatedData];

    private static void DeriveKey(string passphrase, ReadOnlySpan<byte> salt, PassphraseCost cost, Span<byte> key)
    {
        var algorithm = PasswordBasedKeyDerivationAlgorithm.Argon2id(new Argon2Parameters { DegreeOfParallelism = 1, MemorySize = cost.MemoryKib, NumberOfPasses = cost.Passes });
        var secret = Encoding.UTF8.GetBytes(passphrase.Normalize(NormalizationForm.FormC));
        try
        {
            algorithm.DeriveBytes(secret, salt, key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }
}
