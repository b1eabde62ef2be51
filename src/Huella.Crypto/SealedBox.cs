using System.Security.Cryptography;
using NSec.Cryptography;

namespace Huella.Crypto;

/// <summary>
/// Anonymous public-key encryption: anyone with a recipient's X25519 public key can seal a message
/// that only the recipient can open. A fresh ephemeral key per message; the AES-256-GCM key is
/// HKDF-SHA256 of the shared secret, salted with both public keys so a box cannot be re-addressed.
/// Layout: ephemeral public key (32) ‖ nonce (12) ‖ ciphertext ‖ tag (16).
/// </summary>
public static class SealedBox
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    public const int Overhead = SealingKey.PublicKeySize + NonceSize + TagSize;
    private static readonly byte[] Info = "huella sealed box v1"u8.ToArray();

    /// <summary>Seals <paramref name="plaintext"/> for the holder of <paramref name="recipient"/>; <paramref name="associatedData"/> is authenticated, not encrypted.</summary>
    public static byte[] Seal(ReadOnlySpan<byte> recipient, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData = default)
    {
        if (recipient.Length != SealingKey.PublicKeySize)
        {
            throw new ArgumentException("An X25519 public key is 32 bytes.", nameof(recipient));
        }

        using var ephemeral = SealingKey.Generate();
        using var shared = ephemeral.Agree(recipient) ?? throw new ArgumentException("Not a usable X25519 public key.", nameof(recipient));
        var box = new byte[Overhead + plaintext.Length];
        ephemeral.PublicKey.Span.CopyTo(box);
        var nonce = box.AsSpan(SealingKey.PublicKeySize, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        Span<byte> key = stackalloc byte[32];
        try
        {
            DeriveKey(shared, ephemeral.PublicKey.Span, recipient, key);
            using var aes = new AesGcm(key, TagSize);
            var ciphertext = box.AsSpan(SealingKey.PublicKeySize + NonceSize, plaintext.Length);
            aes.Encrypt(nonce, plaintext, ciphertext, box.AsSpan(box.Length - TagSize), associatedData);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        return box;
    }

    /// <summary>Opens a box sealed for <paramref name="recipient"/>; false for a box that is truncated, altered, or sealed for someone else.</summary>
    public static bool TryOpen(SealingKey recipient, ReadOnlySpan<byte> box, ReadOnlySpan<byte> associatedData, out byte[] plaintext)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        plaintext = [];
        if (box.Length < Overhead)
        {
            return false;
        }

        var ephemeral = box[..SealingKey.PublicKeySize];
        using var shared = recipient.Agree(ephemeral);
        if (shared is null)
        {
            return false;
        }

        Span<byte> key = stackalloc byte[32];
        var opened = new byte[box.Length - Overhead];
        try
        {
            DeriveKey(shared, ephemeral, recipient.PublicKey.Span, key);
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(box.Slice(SealingKey.PublicKeySize, NonceSize), box[(SealingKey.PublicKeySize + NonceSize)..^TagSize], box[^TagSize..], opened, associatedData);
            plaintext = opened;
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            CryptographicOperations.ZeroMemory(opened);
            return false;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private static void DeriveKey(SharedSecret shared, ReadOnlySpan<byte> ephemeral, ReadOnlySpan<byte> recipient, Span<byte> key)
    {
        Span<byte> salt = stackalloc byte[2 * SealingKey.PublicKeySize];
        ephemeral.CopyTo(salt);
        recipient.CopyTo(salt[SealingKey.PublicKeySize..]);
        KeyDerivationAlgorithm.HkdfSha256.DeriveBytes(shared, salt, Info, key);
    }
}
