using System.Text.Json;
using System.Text.Json.Nodes;

namespace Inference.Grammars;

/// <summary>
/// Intersects schemas (allOf, or sibling keywords merged into anyOf branches) into one schema object:
/// properties are combined (a property in several parts becomes an allOf of its schemas), required sets
/// are joined, types intersected, numeric and length bounds tightened, enums intersected. Parts that
/// disagree in ways this cannot express are reported as unsupported.
/// </summary>
internal static class SchemaMerger
{
    private static readonly HashSet<string> LowerBounds = new(StringComparer.Ordinal) { "minimum", "exclusiveMinimum", "minLength", "minItems" };
    private static readonly HashSet<string> UpperBounds = new(StringComparer.Ordinal) { "maximum", "exclusiveMaximum", "maxLength", "maxItems" };

    public static JsonElement Merge(IEnumerable<JsonElement> parts, Func<JsonElement, string, JsonElement> resolveRef, string path)
    {
        var state = new MergeState(resolveRef, path);
        foreach (var part in parts)
        {
            state.Add(part);
        }
        return state.Result();
    }

    /// <summary>A copy of a schema object without one keyword.</summary>
    public static JsonElement Without(JsonElement schema, string keyword)
    {
        var copy = JsonObject.Create(schema)!.DeepClone().AsObject();
        copy.Remove(keyword);
        return JsonSerializer.SerializeToElement(copy);
    }

    private sealed class MergeState(Func<JsonElement, string, JsonElement> resolveRef, string path)
    {
        private readonly JsonObject _result = [];
        private int _partsWithProperties;
        private bool _restrictsAdditional;

        public void Add(JsonElement part)
        {
            switch (part.ValueKind)
            {
                case JsonValueKind.True:
                    return;
                case JsonValueKind.Object:
                    break;
                case JsonValueKind.False:
                    throw new InvalidSchemaException("the schema 'false' matches nothing", path);
                default:
                    throw new InvalidSchemaException("a schema must be an object or a boolean", path);
            }
            if (part.TryGetProperty("properties", out _))
            {
                _partsWithProperties++;
            }
            foreach (var property in part.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "$ref":
                        Add(resolveRef(property.Value, path));
                        break;
                    case "allOf":
                        foreach (var inner in property.Value.EnumerateArray())
                        {
                            Add(inner);
                        }
                        break;
                    case var name when SchemaNode.Annotations.Contains(name):
                        break;
                    default:
                        AddKeyword(property.Name, JsonNode.Parse(property.Value.GetRawText())!);
                        break;
                }
            }
        }

        public JsonElement Result()
        {
            if (_restrictsAdditional && _partsWithProperties > 1)
            {
                throw new UnsupportedSchemaException(["allOf", "additionalProperties"], path, "additionalProperties in an allOf whose parts declare properties separately");
            }
            return JsonSerializer.SerializeToElement(_result);
        }

        private void AddKeyword(string keyword, JsonNode value)
        {
            if (keyword == "additionalProperties" && value.GetValueKind() != JsonValueKind.True)
            {
                _restrictsAdditional = true;
            }
            if (!_result.TryGetPropertyValue(keyword, out var existing) || existing is null)
            {
                _result[keyword] = value;
                return;
            }
            if (JsonNode.DeepEquals(existing, value))
            {
                return;
            }
            _result[keyword] = keyword switch
            {
                "properties" => MergeProperties(existing.AsObject(), value.AsObject()),
                "required" => Union(existing.AsArray(), value.AsArray()),
                "type" => IntersectTypes(existing, value),
                "enum" => Intersect(existing.AsArray(), value.AsArray()),
                _ when LowerBounds.Contains(keyword) && IsNumber(existing) && IsNumber(value)
                    => existing.GetValue<decimal>() >= value.GetValue<decimal>() ? existing : value,
                _ when UpperBounds.Contains(keyword) && IsNumber(existing) && IsNumber(value)
                    => existing.GetValue<decimal>() <= value.GetValue<decimal>() ? existing : value,
                _ => throw new UnsupportedSchemaException([keyword], path, "conflicting values in allOf"),
            };
        }

        private static JsonObject MergeProperties(JsonObject existing, JsonObject added)
        {
            var merged = existing.DeepClone().AsObject();
            foreach (var (name, schema) in added)
            {
                merged[name] = merged.TryGetPropertyValue(name, out var current) && current is not null && !JsonNode.DeepEquals(current, schema)
                    ? new JsonObject { ["allOf"] = new JsonArray(current.DeepClone(), schema!.DeepClone()) }
                    : schema!.DeepClone();
            }
            return merged;
        }

        private static JsonArray Union(JsonArray a, JsonArray b) =>
            new(a.Concat(b).Select(n => n!.GetValue<string>()).Distinct(StringComparer.Ordinal).Select(s => (JsonNode)s).ToArray());

        private static JsonArray Intersect(JsonArray a, JsonArray b) =>
            new(a.Where(x => b.Any(y => JsonNode.DeepEquals(x, y))).Select(x => x!.DeepClone()).ToArray());

        private JsonNode IntersectTypes(JsonNode a, JsonNode b)
        {
            var left = TypeList(a);
            var right = TypeList(b);
            var common = left.Where(t => right.Contains(t) || t == "integer" && right.Contains("number")).ToList();
            common.AddRange(right.Where(t => t == "integer" && left.Contains("number") && !common.Contains(t)));
            return common.Count switch
            {
                0 => throw new InvalidSchemaException("allOf parts have no type in common", path),
                1 => JsonValue.Create(common[0]),
                _ => new JsonArray(common.Select(t => (JsonNode)t).ToArray()),
            };
        }

        private static List<string> TypeList(JsonNode type) =>
            type is JsonArray array ? array.Select(t => t!.GetValue<string>()).ToList() : [type.GetValue<string>()];

        private static bool IsNumber(JsonNode node) => node.GetValueKind() == JsonValueKind.Number;
    }
}
