using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Huella.Crypto;
using Huella.Elections.Geography;

namespace Huella.Elections.Station;

public enum MemberKeyStatus
{
    Opened,

    /// <summary>The PIN is wrong (or the file was altered): nothing is opened.</summary>
    WrongPin,

    /// <summary>Not a member key file, or damaged.</summary>
    Malformed,

    /// <summary>A member key of another election or mesa.</summary>
    OtherMesa,
}

/// <summary>One mesa member's countersigning key, opened with their PIN; disposing wipes it.</summary>
public sealed class MemberKey(string member, SigningKey key) : IDisposable
{
    /// <summary>The member's role at the mesa (president, secretary…), as the file names it.</summary>
    public string Member { get; } = member;

    public SigningKey Key { get; } = key;

    public void Dispose() => Key.Dispose();
}

/// <summary>What opening a member key file gave: the key when <see cref="Status"/> is Opened, else why not.</summary>
public sealed record MemberKeyOpening(MemberKeyStatus Status, MemberKey? Key, string? Problem);

/// <summary>
/// A mesa member's own key file: their Ed25519 countersigning key sealed with their PIN
/// (<see cref="PassphraseSeal"/>: Argon2id, AES-GCM), bound to the election, mesa, role and public
/// key it claims, so a file cannot be passed off as another member's. The machine never stores it:
/// the member brings it on election day and types the PIN, and without both no acta of the mesa
/// carries that member's countersignature.
/// </summary>
public static class MemberKeyFile
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static string Seal(string electionId, MesaId mesa, string member, SigningKey key, string pin, PassphraseCost cost)
    {
        ArgumentException.ThrowIfNullOrEmpty(electionId);
        ArgumentException.ThrowIfNullOrEmpty(member);
        ArgumentNullException.ThrowIfNull(key);
        var publicKey = Convert.ToHexStringLower(key.PublicKey.Bytes);
        Span<byte> seed = stackalloc byte[32];
        try
        {
            key.ExportSeed(seed);
            var sealedSeed = PassphraseSeal.Seal(seed, pin, Context(electionId, mesa.ToString(), member, publicKey), cost);
            return JsonSerializer.Serialize(new FileJson(electionId, mesa.ToString(), member, publicKey, Convert.ToBase64String(sealedSeed)), Json);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    /// <summary>Opens a member's file with their PIN for this election and mesa; a typed refusal otherwise, never an exception.</summary>
    public static MemberKeyOpening Open(string json, string pin, string electionId, MesaId mesa)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(pin);
        FileJson? file;
        byte[] sealedSeed;
        try
        {
            file = JsonSerializer.Deserialize<FileJson>(json, Json);
            sealedSeed = Convert.FromBase64String(file?.Sealed ?? string.Empty);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return new(MemberKeyStatus.Malformed, null, "not a member key file");
        }

        if (file is null || string.IsNullOrEmpty(file.Member) || string.IsNullOrEmpty(file.PublicKey) || sealedSeed.Length == 0)
        {
            return new(MemberKeyStatus.Malformed, null, "the member key file lacks its member, public key or sealed key");
        }

        if (file.Election != electionId || file.Mesa != mesa.ToString())
        {
            return new(MemberKeyStatus.OtherMesa, null, $"the key of {file.Member} is for {file.Election} mesa {file.Mesa}, not {electionId} mesa {mesa}");
        }

        var opening = PassphraseSeal.Open(sealedSeed, pin, Context(file.Election, file.Mesa, file.Member, file.PublicKey));
        if (opening.Status == PassphraseOpenStatus.Refused)
        {
            return new(MemberKeyStatus.WrongPin, null, $"the PIN of {file.Member} is wrong (or the file was altered)");
        }

        try
        {
            if (!opening.Opened || opening.Plaintext.Length != 32)
            {
                return new(MemberKeyStatus.Malformed, null, $"the key of {file.Member} is damaged");
            }

            var key = SigningKey.FromSeed(opening.Plaintext);
            if (Convert.ToHexStringLower(key.PublicKey.Bytes) != file.PublicKey)
            {
                key.Dispose();
                return new(MemberKeyStatus.Malformed, null, $"the key of {file.Member} does not match its public key");
            }

            return new(MemberKeyStatus.Opened, new MemberKey(file.Member, key), null);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(opening.Plaintext);
        }
    }

    private static byte[] Context(string election, string mesa, string member, string publicKey) =>
        Encoding.UTF8.GetBytes($"huella member key v1\n{election}\n{mesa}\n{member}\n{publicKey}");

    private sealed record FileJson(
        [property: JsonPropertyName("election")] string? Election,
        [property: JsonPropertyName("mesa")] string? Mesa,
        [property: JsonPropertyName("member")] string? Member,
        [property: JsonPropertyName("publicKey")] string? PublicKey,
        [property: JsonPropertyName("sealed")] string? Sealed);
}
