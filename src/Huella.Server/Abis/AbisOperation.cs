using System.Text.Json;
using System.Text.Json.Serialization;

namespace Huella.Server.Abis;

/// <summary>The MOSIP ABIS operations Huella runs (the part of a request's <c>id</c> after <c>mosip.abis.</c>).</summary>
[JsonConverter(typeof(AbisOperationJsonConverter))]
internal enum AbisOperation
{
    Insert,
    Identify,
    Delete,
    Ping,
    PendingJobs,
    ReferenceCount,
}

/// <summary>MOSIP's spelling of each operation, pinned once for the wire, the job views and the journal.</summary>
internal static class AbisOperations
{
    public const string Prefix = "mosip.abis.";

    private static readonly Dictionary<AbisOperation, string> Names = new()
    {
        [AbisOperation.Insert] = "insert",
        [AbisOperation.Identify] = "identify",
        [AbisOperation.Delete] = "delete",
        [AbisOperation.Ping] = "ping",
        [AbisOperation.PendingJobs] = "pendingJobs",
        [AbisOperation.ReferenceCount] = "referenceCount",
    };

    private static readonly Dictionary<string, AbisOperation> ByName = Names.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static IEnumerable<string> Ids => Names.Values.Select(n => Prefix + n);

    public static string Name(this AbisOperation operation) => Names[operation];

    public static string Id(this AbisOperation operation) => Prefix + Names[operation];

    /// <summary>The operation a request's <c>id</c> (<c>mosip.abis.insert</c>, …) names.</summary>
    public static bool TryParseId(string? id, out AbisOperation operation)
    {
        operation = default;
        return id is not null && id.StartsWith(Prefix, StringComparison.Ordinal) && ByName.TryGetValue(id[Prefix.Length..], out operation);
    }

    /// <summary>The operation an operation name (<c>insert</c>, <c>pendingJobs</c>, …) names.</summary>
    public static bool TryParseName(string? name, out AbisOperation operation)
    {
        operation = default;
        return name is not null && ByName.TryGetValue(name, out operation);
    }
}

internal sealed class AbisOperationJsonConverter : JsonConverter<AbisOperation>
{
    public override AbisOperation Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        AbisOperations.TryParseName(reader.GetString(), out var operation) ? operation : throw new JsonException("unknown ABIS operation");

    public override void Write(Utf8JsonWriter writer, AbisOperation value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Name());
    }
}
