using System.Text;
using System.Text.Json.Nodes;

namespace Huella.Fuzz;

/// <summary>
/// Structure-aware mutations of a JSON request body: one value somewhere in the tree replaced by
/// something a well-behaved client never sends (a number beyond every range, NaN spelled out, a
/// wrong type, an empty or very long string, null, a deep array). Byte mutations mostly produce
/// invalid JSON and stop at the parser; these reach the handlers' own checks.
/// </summary>
internal sealed class JsonMutator(Random random)
{
    private static readonly Func<Random, JsonNode?>[] Values =
    [
        _ => null,
        _ => JsonValue.Create(1e308),
        _ => JsonValue.Create(-1),
        _ => JsonValue.Create(0),
        _ => JsonValue.Create(long.MaxValue),
        _ => JsonValue.Create(int.MinValue),
        _ => JsonValue.Create(""),
        _ => JsonValue.Create("NaN"),
        _ => JsonValue.Create("../../etc/passwd"),
        _ => JsonValue.Create("V-00000000"),
        r => JsonValue.Create(new string('9', 1 + r.Next(5000))),
        _ => JsonValue.Create(true),
        _ => new JsonArray(),
        _ => new JsonObject(),
        r => Deep(r.Next(1, 200)),
    ];

    /// <summary>The seed with one value replaced; a seed that is not JSON comes back unchanged.</summary>
    public byte[] Mutate(byte[] seed)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(seed);
        }
        catch (System.Text.Json.JsonException)
        {
            return seed;
        }

        if (root is null)
        {
            return seed;
        }

        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        var target = nodes[random.Next(nodes.Count)];
        var replacement = Values[random.Next(Values.Length)](random);
        if (target.Parent is JsonObject parent)
        {
            parent[target.GetPropertyName()] = replacement;
        }
        else if (target.Parent is JsonArray array)
        {
            array[target.GetElementIndex()] = replacement;
        }
        else
        {
            return Encoding.UTF8.GetBytes(replacement?.ToJsonString() ?? "null");
        }

        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    private static void Collect(JsonNode node, List<JsonNode> nodes)
    {
        nodes.Add(node);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    if (child is not null)
                    {
                        Collect(child, nodes);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is not null)
                    {
                        Collect(child, nodes);
                    }
                }

                break;
        }
    }

    private static JsonArray Deep(int depth)
    {
        var root = new JsonArray();
        var current = root;
        for (var i = 0; i < depth; i++)
        {
            var next = new JsonArray();
            current.Add(next);
            current = next;
        }

        return root;
    }
}
