using System.Collections.Immutable;
using NSec.Cryptography;

namespace Huella.Crypto;

/// <summary>An Ed25519 public key: 32 bytes anyone may hold to check signatures.</summary>
public readonly record struct VerificationKey
{
    private readonly ImmutableArray<byte> _bytes;

    public VerificationKey(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 32)
        {
            throw new ArgumentException("An Ed25519 public key is 32 bytes.", nameof(bytes));
        }

        _bytes = [.. bytes];
    }

    public ReadOnlySpan<byte> Bytes => _bytes.AsSpan();

    /// <summary>True only for a valid signature of exactly <paramref name="data"/> by this key.</summary>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != SigningKey.SignatureSize || _bytes.IsDefault)
        {
            return false;
        }

        if (!PublicKey.TryImport(SignatureAlgorithm.Ed25519, Bytes, KeyBlobFormat.RawPublicKey, out var key) || key is null)
        {
            return false;
        }

        return SignatureAlgorithm.Ed25519.Verify(key, data, signature);
    }

    /// <summary>Short, stable identifier: the first 8 bytes of SHA-256 of the key, in hex.</summary>
    public string Fingerprint => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Bytes)[..8]);

    public bool Equals(VerificationKey other) => Bytes.SequenceEqual(other.Bytes);

    public override int GetHashCode() => _bytes.IsDefault ? 0 : BitConverter.ToInt32(Bytes[..4]);

    public override string ToString() => Convert.ToHexStringLower(Bytes);
}
