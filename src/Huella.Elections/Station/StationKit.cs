using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Huella.Crypto;
using Huella.Elections.Geography;

namespace Huella.Elections.Station;

/// <summary>
/// What a polling machine is loaded with before election day: its mesa, the authority's public key
/// (to check the roll package), and its secrets: the machine's signing key, the key its roll package
/// is sealed to, and the mesa members' countersigning keys. A secret file: whoever holds it can sign
/// this mesa's actas, so it lives on the machine only.
/// </summary>
public sealed class StationKit : IDisposable
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public StationKit(string electionId, MesaId mesa, VerificationKey authority, SigningKey machine, SealingKey rollKey, IReadOnlyList<SigningKey> members)
    {
        ArgumentException.ThrowIfNullOrEmpty(electionId);
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(rollKey);
        ArgumentNullException.ThrowIfNull(members);
        ElectionId = electionId;
        Mesa = mesa;
        Authority = authority;
        Machine = machine;
        RollKey = rollKey;
        Members = members;
    }

    public string ElectionId { get; }

    public MesaId Mesa { get; }

    public VerificationKey Authority { get; }

    public SigningKey Machine { get; }

    public SealingKey RollKey { get; }

    public IReadOnlyList<SigningKey> Members { get; }

    /// <summary>The kit as JSON (hex keys); the caller writes it where only the machine can read it.</summary>
    public static string ToJson(string electionId, MesaId mesa, VerificationKey authority, SigningKey machine, SealingKey rollKey, IEnumerable<SigningKey> members)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(rollKey);
        ArgumentNullException.ThrowIfNull(members);
        return JsonSerializer.Serialize(
            new KitJson(electionId, mesa.ToString(), Convert.ToHexStringLower(authority.Bytes), Hex(machine.ExportSeed), Hex(rollKey.ExportSeed), [.. members.Select(m => Hex(m.ExportSeed))]),
            Json);
    }

    /// <summary>Reads a kit; a malformed file is an <see cref="ElectionDataException"/> naming what is wrong.</summary>
    public static StationKit Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        KitJson? kit;
        try
        {
            kit = JsonSerializer.Deserialize<KitJson>(json, Json);
        }
        catch (JsonException e)
        {
            throw new ElectionDataException($"The station kit is not valid JSON: {e.Message}", e);
        }

        if (kit is null || string.IsNullOrEmpty(kit.Election) || kit.Members is null)
        {
            throw new ElectionDataException("The station kit names no election or no members.");
        }

        if (!MesaId.TryParse(kit.Mesa ?? string.Empty, out var mesa))
        {
            throw new ElectionDataException($"The station kit's mesa '{kit.Mesa}' is not a mesa.");
        }

        // Every field is checked before any key handle is made, so a bad kit leaves none behind.
        var authority = Key(kit.Authority, "authority");
        var machine = Key(kit.Machine, "machine");
        var rollKey = Key(kit.RollKey, "rollKey");
        var members = kit.Members.Select((m, i) => Key(m, $"members[{i}]")).ToList();
        try
        {
            return new StationKit(kit.Election, mesa, new VerificationKey(authority), SigningKey.FromSeed(machine), SealingKey.FromSeed(rollKey), [.. members.Select(m => SigningKey.FromSeed(m))]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(machine);
            CryptographicOperations.ZeroMemory(rollKey);
            members.ForEach(m => CryptographicOperations.ZeroMemory(m));
        }
    }

    public void Dispose()
    {
        Machine.Dispose();
        RollKey.Dispose();
        foreach (var member in Members)
        {
            member.Dispose();
        }
    }

    private delegate void SeedExport(Span<byte> destination);

    /// <summary>A private key as hex, its temporary copy wiped.</summary>
    private static string Hex(SeedExport export)
    {
        Span<byte> seed = stackalloc byte[32];
        try
        {
            export(seed);
            return Convert.ToHexStringLower(seed);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    private static byte[] Key(string? hex, string field)
    {
        try
        {
            var bytes = Convert.FromHexString(hex ?? string.Empty);
            return bytes.Length == 32 ? bytes : throw new ElectionDataException($"The station kit's {field} is not a 32-byte key.");
        }
        catch (FormatException e)
        {
            throw new ElectionDataException($"The station kit's {field} is not hexadecimal.", e);
        }
    }

    private sealed record KitJson(
        [property: JsonPropertyName("election")] string? Election,
        [property: JsonPropertyName("mesa")] string? Mesa,
        [property: JsonPropertyName("authority")] string? Authority,
        [property: JsonPropertyName("machine")] string? Machine,
        [property: JsonPropertyName("rollKey")] string? RollKey,
        [property: JsonPropertyName("members")] List<string>? Members);
}
