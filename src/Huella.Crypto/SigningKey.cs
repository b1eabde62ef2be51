using NSec.Cryptography;

namespace Huella.Crypto;

/// <summary>
/// An Ed25519 private key held in a libsodium handle (never in a managed array that could be
/// copied by the GC, and wiped when disposed). Machines, mesa members and servers sign with it.
/// </summary>
public sealed class SigningKey : IDisposable
{
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;
    private readonly Key _key;

    private SigningKey(Key key)
    {
        _key = key;
        PublicKey = new VerificationKey(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    public VerificationKey PublicKey { get; }

    public const int SignatureSize = 64;

    /// <summary>A fresh key that stays in its handle: <see cref="ExportSeed"/> refuses it.</summary>
    public static SigningKey Generate() =>
        new(Key.Create(Algorithm, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.None }));

    /// <summary>
    /// A fresh key whose seed <see cref="ExportSeed"/> can write, for the writers of files that must hold it
    /// (station kits, member key files); every other key is made with <see cref="Generate"/>.
    /// </summary>
    public static SigningKey GenerateExportable() =>
        new(Key.Create(Algorithm, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }));

    /// <summary>Rebuilds a key from its 32-byte seed (RFC 8032's "secret key").</summary>
    public static SigningKey FromSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != 32)
        {
            throw new ArgumentException("An Ed25519 seed is 32 bytes.", nameof(seed));
        }

        return new(Key.Import(Algorithm, seed, KeyBlobFormat.RawPrivateKey, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }));
    }

    /// <summary>Writes the 32-byte seed into <paramref name="destination"/> (for sealed key files only).</summary>
    /// <exception cref="InvalidOperationException">The key was made with <see cref="Generate"/>, which refuses export.</exception>
    public void ExportSeed(Span<byte> destination) => PrivateKeyExport.CopyTo(_key, destination);

    public byte[] Sign(ReadOnlySpan<byte> data) => Algorithm.Sign(_key, data);

    public void Sign(ReadOnlySpan<byte> data, Span<byte> signature) => Algorithm.Sign(_key, data, signature);

    public void Dispose() => _key.Dispose();
}
