using System.Collections.Immutable;
using Huella.Crypto;

namespace Huella.Elections.Actas;

public enum SignerRole : byte
{
    /// <summary>The mesa's voting machine, which produced the counts.</summary>
    Machine = 0,

    /// <summary>A mesa member (president, secretary, member) who countersigns.</summary>
    Member = 1,
}

/// <summary>One signature on an acta: who (role and key id) and the Ed25519 signature of the acta body.</summary>
public readonly record struct ActaSignature(SignerRole Role, ImmutableArray<byte> KeyId, ImmutableArray<byte> Signature)
{
    /// <summary>Signatures name their key by an 8-byte id (SHA-256 prefix); keys themselves are published apart.</summary>
    public const int KeyIdSize = 8;

    public static ImmutableArray<byte> IdOf(VerificationKey key) => [.. Convert.FromHexString(key.Fingerprint)];
}

/// <summary>
/// An acta with its signatures: the exact bytes a QR carries and central stores. One encoding per
/// set of signatures: they are kept sorted by key id, each key once, because signatures cover only
/// the body and a list that could be reordered or padded would give one acta many byte forms.
/// </summary>
public sealed class SignedActa
{
    private const int MaxSignatures = 16;
    private const int MaxBodyBytes = 8192;

    private SignedActa(Acta acta, byte[] body, ImmutableArray<ActaSignature> signatures)
    {
        Acta = acta;
        Body = [.. body];
        Signatures = signatures;
    }

    public Acta Acta { get; }

    /// <summary>The canonical encoding of <see cref="Acta"/>, which every signature covers.</summary>
    public ImmutableArray<byte> Body { get; }

    public ImmutableArray<ActaSignature> Signatures { get; }

    /// <summary>The machine signs first, at closing.</summary>
    public static SignedActa SignByMachine(Acta acta, SigningKey machine)
    {
        ArgumentNullException.ThrowIfNull(acta);
        ArgumentNullException.ThrowIfNull(machine);
        if (!acta.IsConsistent(out var problem))
        {
            throw new InvalidOperationException($"The machine must not sign an inconsistent acta: {problem}.");
        }

        var body = ActaCodec.EncodeBody(acta);
        return new SignedActa(acta, body, [Sign(SignerRole.Machine, body, machine)]);
    }

    /// <summary>A mesa member adds a countersignature over the same body; a key that already signed adds nothing.</summary>
    public SignedActa Countersign(SigningKey member)
    {
        ArgumentNullException.ThrowIfNull(member);
        var signature = Sign(SignerRole.Member, Body.AsSpan(), member);
        var at = 0;
        while (at < Signatures.Length && CompareKeyIds(Signatures[at].KeyId, signature.KeyId) < 0)
        {
            at++;
        }

        return at < Signatures.Length && CompareKeyIds(Signatures[at].KeyId, signature.KeyId) == 0
            ? this
            : new SignedActa(Acta, [.. Body], Signatures.Insert(at, signature));
    }

    /// <summary>The same signatures over a different acta: what an attacker in transit can make. For demos and tests.</summary>
    internal SignedActa WithAlteredActa(Acta altered) => new(altered, ActaCodec.EncodeBody(altered), Signatures);

    public byte[] Encode()
    {
        var writer = new ActaCodec.VarintWriter();
        writer.Varint((ulong)Body.Length);
        writer.Bytes(Body.AsSpan());
        writer.Varint((ulong)Signatures.Length);
        foreach (var s in Signatures)
        {
            writer.Byte((byte)s.Role);
            writer.Bytes(s.KeyId.AsSpan());
            writer.Bytes(s.Signature.AsSpan());
        }

        return writer.ToArray();
    }

    public static bool TryDecode(ReadOnlySpan<byte> data, out SignedActa? signedActa, out string? error)
    {
        signedActa = null;
        var reader = new ActaCodec.VarintReader(data);
        if (!reader.TryLength(MaxBodyBytes, out var bodyLength) || !reader.TryBytes(bodyLength, out var body))
        {
            error = "signed acta is truncated";
            return false;
        }

        if (!ActaCodec.TryDecodeBody(body, out var acta, out error))
        {
            return false;
        }

        if (!reader.TryLength(MaxSignatures, out var count))
        {
            error = "signature list is malformed";
            return false;
        }

        var signatures = ImmutableArray.CreateBuilder<ActaSignature>(count);
        for (var i = 0; i < count; i++)
        {
            if (!reader.TryByte(out var role) || role > (byte)SignerRole.Member
                || !reader.TryBytes(ActaSignature.KeyIdSize, out var keyId) || !reader.TryBytes(SigningKey.SignatureSize, out var signature))
            {
                error = $"signature {i + 1} is truncated or malformed";
                return false;
            }

            var id = ImmutableArray.Create(keyId);
            if (i > 0 && CompareKeyIds(signatures[i - 1].KeyId, id) >= 0)
            {
                error = $"signature {i + 1} is out of order or repeats a key: signatures are sorted by key id, each key once";
                return false;
            }

            signatures.Add(new ActaSignature((SignerRole)role, id, [.. signature]));
        }

        if (!reader.AtEnd)
        {
            error = "unexpected bytes after the signatures";
            return false;
        }

        signedActa = new SignedActa(acta!, body.ToArray(), signatures.MoveToImmutable());
        error = null;
        return true;
    }

    private static int CompareKeyIds(ImmutableArray<byte> a, ImmutableArray<byte> b) => a.AsSpan().SequenceCompareTo(b.AsSpan());

    private static ActaSignature Sign(SignerRole role, ReadOnlySpan<byte> body, SigningKey key) =>
        new(role, ActaSignature.IdOf(key.PublicKey), [.. key.Sign(body)]);
}
