using NSec.Cryptography;

namespace Huella.Crypto;

/// <summary>
/// An X25519 private key in a libsodium handle, wiped when disposed: the key a polling machine
/// holds so that only it can open what was sealed for it (its mesa's roll package).
/// </summary>
public sealed class SealingKey : IDisposable
{
    internal static readonly KeyAgreementAlgorithm Algorithm = KeyAgreementAlgorithm.X25519;
    private readonly Key _key;

    private SealingKey(Key key)
    {
        _key = key;
        PublicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
    }

    public const int PublicKeySize = 32;

    /// <summary>The 32-byte public key others seal to.</summary>
    public ReadOnlyMemory<byte> PublicKey { get; }

    /// <summary>A fresh key that stays in its handle: <see cref="ExportSeed"/> refuses it.</summary>
    public static SealingKey Generate() =>
        new(Key.Create(Algorithm, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.None }));

    /// <summary>A fresh key whose private scalar <see cref="ExportSeed"/> can write, for the station kit's writers only.</summary>
    public static SealingKey GenerateExportable() =>
        new(Key.Create(Algorithm, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }));

    /// <summary>Rebuilds a key from its 32-byte private scalar (RFC 7748).</summary>
    public static SealingKey FromSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != 32)
        {
            throw new ArgumentException("An X25519 private key is 32 bytes.", nameof(seed));
        }

        return new(Key.Import(Algorithm, seed, KeyBlobFormat.RawPrivateKey, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }));
    }

    /// <summary>Writes the 32-byte private scalar into <paramref name="destination"/> (for sealed key files and station kits only).</summary>
    /// <exception cref="InvalidOperationException">The key was made with <see cref="Generate"/>, which refuses export.</exception>
    public void ExportSeed(Span<byte> destination) => PrivateKeyExport.CopyTo(_key, destination);

    internal SharedSecret? Agree(ReadOnlySpan<byte> otherPublicKey)
    {
        if (otherPublicKey.Length != PublicKeySize
            || !NSec.Cryptography.PublicKey.TryImport(Algorithm, otherPublicKey, KeyBlobFormat.RawPublicKey, out var other)
            || other is null)
        {
            return null;
        }

        return Algorithm.Agree(_key, other, new SharedSecretCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
    }

    public void Dispose() => _key.Dispose();
}
