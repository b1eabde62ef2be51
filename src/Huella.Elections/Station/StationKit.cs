using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Huella.Crypto;
using Huella.Elections.Geography;

namespace Huella.Elections.Station;

/// <summary>
/// What a polling machine is loaded with before election day: its mesa, the authority's public key
/// (to check the roll package), and the machine's own secrets: its signing key and the key its roll
/// package is sealed to. The mesa members' keys are never in it: each member carries a
/// <see cref="MemberKeyFile"/> opened with their own PIN, so whoever reads the kit can sign as the
/// machine but cannot countersign. Written at mode 0600, and sealed with a passphrase when one is given.
/// </summary>
public sealed class StationKit : IDisposable
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    private static ReadOnlySpan<byte> SealContext => "huella station kit v1"u8;

    public StationKit(string electionId, MesaId mesa, VerificationKey authority, SigningKey machine, SealingKey rollKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(electionId);
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(rollKey);
        ElectionId = electionId;
        Mesa = mesa;
        Authority = authority;
        Machine = machine;
        RollKey = rollKey;
    }

    public string ElectionId { get; }

    public MesaId Mesa { get; }

    public VerificationKey Authority { get; }

    public SigningKey Machine { get; }

    public SealingKey RollKey { get; }

    /// <summary>The kit as JSON (hex keys); the caller writes it with <see cref="SecretFile"/>.</summary>
    public static string ToJson(string electionId, MesaId mesa, VerificationKey authority, SigningKey machine, SealingKey rollKey)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(rollKey);
        return JsonSerializer.Serialize(
            new KitJson(electionId, mesa.ToString(), Convert.ToHexStringLower(authority.Bytes), Hex(machine.ExportSeed), Hex(rollKey.ExportSeed), Members: null),
            Json);
    }

    /// <summary>The kit's JSON sealed with a passphrase (Argon2id, AES-GCM), for a kit kept encrypted at rest.</summary>
    public static byte[] Seal(string kitJson, string passphrase, PassphraseCost cost)
    {
        ArgumentNullException.ThrowIfNull(kitJson);
        var plain = Encoding.UTF8.GetBytes(kitJson);
        try
        {
            return PassphraseSeal.Seal(plain, passphrase, SealContext, cost);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>
    /// Reads a kit file's bytes: plain JSON, or sealed with a passphrase (which must then be given).
    /// A malformed kit, a missing or wrong passphrase, is an <see cref="ElectionDataException"/> naming what is wrong.
    /// </summary>
    public static StationKit Read(ReadOnlySpan<byte> file, string? passphrase)
    {
        if (!PassphraseSeal.Recognizes(file))
        {
            return Parse(Encoding.UTF8.GetString(file));
        }

        if (string.IsNullOrEmpty(passphrase))
        {
            throw new ElectionDataException("The station kit is sealed with a passphrase and none was given.");
        }

        var opening = PassphraseSeal.Open(file, passphrase, SealContext);
        if (!opening.Opened)
        {
            throw new ElectionDataException($"The station kit does not open: {opening.Problem}.");
        }

        try
        {
            return Parse(Encoding.UTF8.GetString(opening.Plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(opening.Plaintext);
        }
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

        if (kit is null || string.IsNullOrEmpty(kit.Election))
        {
            throw new ElectionDataException("The station kit names no election.");
        }

        // A kit that carries members' keys lets whoever reads it countersign; it is refused, not used.
        if (kit.Members is not null)
        {
            throw new ElectionDataException("The station kit holds mesa members' keys; members keep their own key files, and such a kit is refused.");
        }

        if (!MesaId.TryParse(kit.Mesa ?? string.Empty, out var mesa))
        {
            throw new ElectionDataException($"The station kit's mesa '{kit.Mesa}' is not a mesa.");
        }

        // Every field is checked before any key handle is made, so a bad kit leaves none behind.
        var authority = Key(kit.Authority, "authority");
        var machine = Key(kit.Machine, "machine");
        var rollKey = Key(kit.RollKey, "rollKey");
        try
        {
            return new StationKit(kit.Election, mesa, new VerificationKey(authority), SigningKey.FromSeed(machine), SealingKey.FromSeed(rollKey));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(machine);
            CryptographicOperations.ZeroMemory(rollKey);
        }
    }

    public void Dispose()
    {
        Machine.Dispose();
        RollKey.Dispose();
    }

    internal delegate void SeedExport(Span<byte> destination);

    /// <summary>A private key as hex, its temporary copy wiped.</summary>
    internal static string Hex(SeedExport export)
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
        catch (FormatException e) when (e is not ElectionDataException)
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
        [property: JsonPropertyName("members")][property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] List<string>? Members);
}
