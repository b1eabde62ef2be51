using System.Text.Json;
using System.Text.Json.Serialization;
using Huella.Crypto;
using Huella.Elections.Geography;

namespace Huella.Elections.Actas;

/// <summary>
/// The published key list as JSON, the file observers download before election day:
/// <c>{"election":"…","requiredCountersignatures":2,"keys":[{"mesa":"040202001.01","role":"machine","key":"hex","holder":"…"}]}</c>.
/// </summary>
public static class PublishedKeysFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string ToJson(PublishedKeys keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var document = new KeysDocument(
            keys.ElectionId,
            keys.RequiredCountersignatures,
            [.. keys.All.Select(k => new KeyEntry(k.Mesa.ToString(), k.Role, k.Key.ToString(), k.Holder))]);
        return JsonSerializer.Serialize(document, Options);
    }

    public static PublishedKeys Parse(string json)
    {
        KeysDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<KeysDocument>(json, Options);
        }
        catch (JsonException e)
        {
            throw new ElectionDataException($"The published keys are not valid JSON: {e.Message}", e) { Line = (int?)e.LineNumber + 1 };
        }

        if (document is null || string.IsNullOrEmpty(document.Election) || document.Keys is null)
        {
            throw new ElectionDataException("The published keys name no election or no keys.");
        }

        var keys = new List<PublishedKey>(document.Keys.Count);
        foreach (var entry in document.Keys)
        {
            if (!MesaId.TryParse(entry.Mesa, out var mesa))
            {
                throw new ElectionDataException($"'{entry.Mesa}' is not a mesa.");
            }

            byte[] bytes;
            try
            {
                bytes = Convert.FromHexString(entry.Key ?? "");
            }
            catch (FormatException e)
            {
                throw new ElectionDataException($"The key of {entry.Holder} is not hexadecimal.", e);
            }

            if (bytes.Length != 32)
            {
                throw new ElectionDataException($"The key of {entry.Holder} is not a 32-byte Ed25519 key.");
            }

            keys.Add(new PublishedKey(mesa, entry.Role, new VerificationKey(bytes), entry.Holder ?? ""));
        }

        try
        {
            return new PublishedKeys(document.Election, keys, document.RequiredCountersignatures);
        }
        catch (ArgumentException e)
        {
            throw new ElectionDataException("The published keys list one key twice.", e);
        }
    }

    private sealed record KeysDocument(string Election, int RequiredCountersignatures, List<KeyEntry> Keys);

    private sealed record KeyEntry(string Mesa, SignerRole Role, string? Key, string? Holder);
}
