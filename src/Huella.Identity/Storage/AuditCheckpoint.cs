using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Huella.Crypto;

namespace Huella.Identity.Storage;

/// <summary>
/// A signed statement "the registry's audit chain had <see cref="Sequence"/> entries ending in
/// <see cref="Head"/> at <see cref="At"/>". Kept outside the database (<see cref="AuditAnchor"/>) and
/// published, it turns the chain's tamper evidence into truncation evidence too: deleting or rewriting
/// the last entries leaves a chain that is internally consistent but no longer reaches a checkpoint.
/// </summary>
public sealed record AuditCheckpoint(long Sequence, byte[] Head, DateTimeOffset At, VerificationKey Signer, byte[] Signature)
{
    private const string Domain = "huella/audit-checkpoint/v1";
    private static readonly byte[] SignerInfo = Encoding.ASCII.GetBytes("huella audit checkpoint signer v1");

    /// <summary>The exact bytes the signature covers.</summary>
    public byte[] SignedBytes() => Body(Sequence, Head, At);

    /// <summary>True when <see cref="Signature"/> is <see cref="Signer"/>'s signature of this checkpoint.</summary>
    public bool Verify() => Head.Length == HashChain.HashSize && Signer.Verify(SignedBytes(), Signature);

    /// <summary>Signs the chain head with the checkpoint key of <paramref name="keys"/> (see <see cref="SignerOf"/>).</summary>
    public static AuditCheckpoint Sign(long sequence, ReadOnlySpan<byte> head, DateTimeOffset at, KeyRing keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var copy = head.ToArray();
        var truncated = DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());
        using var signer = CheckpointKey(keys.Current);
        return new AuditCheckpoint(sequence, copy, truncated, signer.PublicKey, signer.Sign(Body(sequence, copy, truncated)));
    }

    /// <summary>
    /// The public key checkpoints of this ring are signed with. It is derived from the ring's current
    /// key (HKDF-SHA256), so the registry needs no second secret file; rotating the ring changes it,
    /// and the new key is the one to publish.
    /// </summary>
    public static VerificationKey SignerOf(KeyRing keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        using var signer = CheckpointKey(keys.Current);
        return signer.PublicKey;
    }

    /// <summary>The checkpoint keys of every key in the ring: checkpoints signed before a rotation still count while the old key is held.</summary>
    internal static HashSet<VerificationKey> TrustedSigners(KeyRing keys)
    {
        var trusted = new HashSet<VerificationKey>();
        foreach (var id in keys.Ids)
        {
            keys.TryGet(id, out var key);
            using var signer = CheckpointKey(key);
            trusted.Add(signer.PublicKey);
        }

        return trusted;
    }

    /// <summary>One JSON line (the anchor file's format and what the server publishes).</summary>
    public string ToJson() => JsonSerializer.Serialize(new Line(
        Sequence,
        Convert.ToHexStringLower(Head),
        At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        Convert.ToHexStringLower(Signer.Bytes),
        Convert.ToHexStringLower(Signature)));

    /// <summary>Reads one JSON line; false for anything malformed (the signature is checked by <see cref="Verify"/>, not here).</summary>
    public static bool TryParse(string json, out AuditCheckpoint? checkpoint)
    {
        checkpoint = null;
        try
        {
            var line = JsonSerializer.Deserialize<Line>(json);
            if (line is null || line.Seq < 1 || line.Head is null || line.At is null || line.Signer is null || line.Signature is null
                || !DateTimeOffset.TryParse(line.At, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                return false;
            }

            var head = Convert.FromHexString(line.Head);
            var signer = Convert.FromHexString(line.Signer);
            var signature = Convert.FromHexString(line.Signature);
            if (head.Length != HashChain.HashSize || signer.Length != 32 || signature.Length != SigningKey.SignatureSize)
            {
                return false;
            }

            checkpoint = new AuditCheckpoint(line.Seq, head, at, new VerificationKey(signer), signature);
            return true;
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return false;
        }
    }

    private static byte[] Body(long sequence, byte[] head, DateTimeOffset at) => Encoding.UTF8.GetBytes(string.Create(
        CultureInfo.InvariantCulture,
        $"{Domain}\n{sequence}\n{Convert.ToHexStringLower(head)}\n{at.ToUnixTimeMilliseconds()}"));

    private static SigningKey CheckpointKey(byte[] ringKey)
    {
        Span<byte> seed = stackalloc byte[32];
        try
        {
            HKDF.DeriveKey(HashAlgorithmName.SHA256, ringKey, seed, salt: [], info: SignerInfo);
            return SigningKey.FromSeed(seed);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    private sealed record Line(
        [property: JsonPropertyName("seq")] long Seq,
        [property: JsonPropertyName("head")] string? Head,
        [property: JsonPropertyName("at")] string? At,
        [property: JsonPropertyName("signer")] string? Signer,
        [property: JsonPropertyName("signature")] string? Signature);
}
