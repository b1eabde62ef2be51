using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Huella.Identity.Storage;

/// <summary>
/// Seals template bytes with AES-256-GCM: a random 96-bit nonce per record, the 128-bit tag, and
/// the owner (person id and finger position) as associated data, so a sealed template copied onto
/// another person's row fails to open instead of silently matching as theirs.
/// Layout: nonce (12) ‖ tag (16) ‖ ciphertext.
/// </summary>
internal static class TemplateCipher
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static byte[] Seal(byte[] key, PersonId owner, FingerPosition position, ReadOnlySpan<byte> plaintext)
    {
        using var aes = Cipher(key);
        return Seal(aes, owner, position, plaintext);
    }

    /// <summary>The cipher for <paramref name="key"/>, for sealing or opening many templates with one key schedule (one per thread).</summary>
    public static AesGcm Cipher(byte[] key) => new(key, TagSize);

    public static byte[] Seal(AesGcm aes, PersonId owner, FingerPosition position, ReadOnlySpan<byte> plaintext)
    {
        ArgumentNullException.ThrowIfNull(aes);
        var sealedBytes = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), AssociatedData(owner, position));
        return sealedBytes;
    }

    /// <summary>Opens sealed bytes; throws <see cref="CryptographicException"/> when they were altered, moved or sealed with another key.</summary>
    public static byte[] Open(byte[] key, PersonId owner, FingerPosition position, ReadOnlySpan<byte> sealedBytes)
    {
        using var aes = Cipher(key);
        return Open(aes, owner, position, sealedBytes);
    }

    public static byte[] Open(AesGcm aes, PersonId owner, FingerPosition position, ReadOnlySpan<byte> sealedBytes)
    {
        ArgumentNullException.ThrowIfNull(aes);
        if (sealedBytes.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("Sealed template is truncated.");
        }

        var plaintext = new byte[sealedBytes.Length - NonceSize - TagSize];
        aes.Decrypt(sealedBytes[..NonceSize], sealedBytes[(NonceSize + TagSize)..], sealedBytes.Slice(NonceSize, TagSize), plaintext, AssociatedData(owner, position));
        return plaintext;
    }

    private static byte[] AssociatedData(PersonId owner, FingerPosition position)
    {
        var id = Encoding.UTF8.GetBytes(owner.Value);
        var data = new byte[id.Length + 4];
        id.CopyTo(data, 0);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(id.Length), (int)position);
        return data;
    }
}

/// <summary>AES-256-GCM with a random nonce and a context string as associated data: nonce (12) ‖ tag (16) ‖ ciphertext.</summary>
internal static class SealedBytes
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static byte[] Seal(byte[] key, ReadOnlySpan<byte> plaintext, string context)
    {
        var sealedBytes = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(context));
        return sealedBytes;
    }

    public static byte[] Open(byte[] key, ReadOnlySpan<byte> sealedBytes, string context)
    {
        if (sealedBytes.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("Sealed bytes are truncated.");
        }

        var plaintext = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBytes[..NonceSize], sealedBytes[(NonceSize + TagSize)..], sealedBytes.Slice(NonceSize, TagSize), plaintext, Encoding.UTF8.GetBytes(context));
        return plaintext;
    }
}
