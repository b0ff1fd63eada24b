using System.Text.Json;

namespace Inference.Grammars;

internal sealed partial class SchemaConverter
{
    private static readonly (string Type, string[] Keywords)[] KeywordFamilies =
    [
        ("object", ["properties", "required", "additionalProperties"]),
        ("array", ["items", "prefixItems", "minItems", "maxItems"]),
        ("string", ["minLength", "maxLength", "pattern", "format"]),
        ("number", ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]),
    ];

    /// <summary>The types named by <c>type</c>, or the single type implied by the keywords present.</summary>
    private static List<string> TypesOf(SchemaNode node)
    {
        if (node.TryTake("type", out var type))
        {
            return type.ValueKind switch
            {
                JsonValueKind.String => [type.GetString()!],
                JsonValueKind.Array when type.EnumerateArray().All(t => t.ValueKind == JsonValueKind.String) && type.GetArrayLength() > 0
                    => type.EnumerateArray().Select(t => t.GetString()!).Distinct().ToList(),
                _ => throw new InvalidSchemaException("type must be a string or a non-empty array of strings", node.Child("type")),
            };
        }
        var implied = KeywordFamilies.Where(f => f.Keywords.Any(node.Has)).Select(f => f.Type).ToList();
        if (implied.Count > 1)
        {
            var keywords = KeywordFamilies.SelectMany(f => f.Keywords).Where(node.Has).ToList();
            throw new UnsupportedSchemaException(keywords, node.Path, "a schema without 'type' mixing keywords of several types");
        }
        return implied;
    }
}
