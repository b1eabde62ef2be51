using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Json.Schema.Keywords;

namespace Huella.Testing;

/// <summary>
/// NIST's official JSON Schema for SP 1500-100 version 2 (<c>../shared/data/schemas</c>), evaluated as
/// the draft-04 schema it declares. JsonSchema.Net has no draft-04 dialect, so one is assembled here
/// from the keywords whose draft-04 meaning is the one JsonSchema.Net implements; the schema is
/// refused outright if it uses a draft-04 keyword whose meaning changed later (<c>id</c>, boolean
/// <c>exclusiveMaximum</c>/<c>exclusiveMinimum</c>), so nothing is silently ignored.
/// </summary>
public static class ErrSchema
{
    private static readonly Uri Draft04 = new("http://json-schema.org/draft-04/schema#");

    private static readonly Lazy<JsonSchema> Schema = new(Load);

    /// <summary>Every way <paramref name="json"/> breaks the schema, as "instance location: message"; empty when valid.</summary>
    public static IReadOnlyList<string> Errors(string json)
    {
        using var document = JsonDocument.Parse(json);
        var results = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (results.IsValid)
        {
            return [];
        }

        var errors = (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return errors.Count > 0 ? errors : ["the document is not valid (no detail given)"];
    }

    private static JsonSchema Load()
    {
        var text = File.ReadAllText(SharedData.PathOf("schemas", "NIST_V2_election_results_reporting.json"));
        var root = JsonNode.Parse(text)!;
        var declared = (string?)root["$schema"];
        if (declared != Draft04.OriginalString)
        {
            throw new InvalidOperationException($"The NIST schema declares {declared ?? "no $schema"}; this validator is built for draft-04.");
        }

        var changed = Keywords(root).Where(k => k is "id" or "exclusiveMaximum" or "exclusiveMinimum").Distinct().ToList();
        if (changed.Count > 0)
        {
            throw new InvalidOperationException($"The NIST schema uses draft-04 keywords this validator does not implement: {string.Join(", ", changed)}.");
        }

        var dialect = new Dialect(
        [
            SchemaKeyword.Instance, RefKeyword.Instance, Json.Schema.Keywords.Draft06.DefinitionsKeyword.Instance,
            TitleKeyword.Instance, DescriptionKeyword.Instance, DefaultKeyword.Instance,
            MultipleOfKeyword.Instance, MaximumKeyword.Instance, MinimumKeyword.Instance,
            MaxLengthKeyword.Instance, MinLengthKeyword.Instance, PatternKeyword.Instance,
            Json.Schema.Keywords.Draft06.AdditionalItemsKeyword.Instance, Json.Schema.Keywords.Draft06.ItemsKeyword.Instance,
            MaxItemsKeyword.Instance, MinItemsKeyword.Instance, UniqueItemsKeyword.Instance,
            MaxPropertiesKeyword.Instance, MinPropertiesKeyword.Instance, RequiredKeyword.Instance,
            PropertiesKeyword.Instance, PatternPropertiesKeyword.Instance, AdditionalPropertiesKeyword.Instance,
            Json.Schema.Keywords.Draft06.DependenciesKeyword.Instance, EnumKeyword.Instance, TypeKeyword.Instance,
            AllOfKeyword.Instance, AnyOfKeyword.Instance, OneOfKeyword.Instance, NotKeyword.Instance,
            Json.Schema.Keywords.Draft06.FormatKeyword.Validate,
        ]).With([], Draft04, refIgnoresSiblingKeywords: true, allowUnknownKeywords: true);
        var registry = new DialectRegistry();
        registry.Register(dialect);
        return JsonSchema.FromText(text, new BuildOptions { Dialect = dialect, DialectRegistry = registry }, new Uri("https://huella.invalid/schemas/nist-1500-100-v2.json"));
    }

    // Keyword names anywhere in the schema, skipping property names under "properties" and "definitions".
    private static IEnumerable<string> Keywords(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            foreach (var (name, value) in obj)
            {
                yield return name;
                var children = name is "properties" or "definitions" or "patternProperties" && value is JsonObject map ? map.Select(p => p.Value) : [value];
                foreach (var child in children)
                {
                    foreach (var keyword in Keywords(child))
                    {
                        yield return keyword;
                    }
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                foreach (var keyword in Keywords(item))
                {
                    yield return keyword;
                }
            }
        }
    }
}
