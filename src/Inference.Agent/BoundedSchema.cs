using System.Text.Json;
using System.Text.Json.Nodes;

namespace Inference.Agent;

/// <summary>
/// Every free string in a tool's schema gets a <c>maxLength</c>. A grammar-forced call ends only when the model closes
/// its strings; a small model (and the generated random one always) may never close one, and then runs into
/// <c>max_tokens</c> with arguments that do not parse. With a bound, every forced call is complete and valid.
/// 253 is the longest Kubernetes object name; the few texts that are longer by nature get their own bound.
/// </summary>
internal static class BoundedSchema
{
    public const int DefaultMaxLength = 253;

    private static readonly Dictionary<string, int> LongStrings = new(StringComparer.Ordinal)
    {
        ["manifest"] = 8000,
        ["patch"] = 4000,
        ["answer"] = 2000,
    };

    public static JsonElement Bound(JsonElement schema)
    {
        var node = JsonNode.Parse(schema.GetRawText())!;
        BoundStrings(node, propertyName: null);
        return JsonSerializer.SerializeToElement(node);
    }

    private static void BoundStrings(JsonNode? node, string? propertyName)
    {
        if (node is not JsonObject schema)
            return;
        if (schema["type"] is JsonValue type && type.TryGetValue<string>(out var t) && t == "string"
            && !schema.ContainsKey("maxLength") && !schema.ContainsKey("enum") && !schema.ContainsKey("const") && !schema.ContainsKey("format"))
            schema["maxLength"] = propertyName is not null && LongStrings.TryGetValue(propertyName, out var max) ? max : DefaultMaxLength;
        if (schema["properties"] is JsonObject properties)
            foreach (var (name, property) in properties)
                BoundStrings(property, name);
        BoundStrings(schema["items"], propertyName);
    }
}
