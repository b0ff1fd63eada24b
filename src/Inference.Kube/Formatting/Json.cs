using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Inference.Kube.Formatting;

/// <summary>Null-tolerant reads of Kubernetes objects kept as JSON (any kind, CRDs included).</summary>
internal static class Json
{
    /// <summary>The node at a dotted path ("status.phase"); null when any step is missing.</summary>
    public static JsonNode? At(this JsonNode? node, string path)
    {
        foreach (var step in path.Split('.'))
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(step, out node))
                return null;
        }

        return node;
    }

    public static string? Str(this JsonNode? node, string path) => At(node, path) switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.ToJsonString(),
        _ => null,
    };

    public static long? Long(this JsonNode? node, string path) => At(node, path) switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => (long)v.GetValue<double>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.String
            && long.TryParse(v.GetValue<string>(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) => p,
        _ => null,
    };

    public static bool? Bool(this JsonNode? node, string path) => At(node, path) switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.True => true,
        JsonValue v when v.GetValueKind() == JsonValueKind.False => false,
        _ => null,
    };

    public static DateTimeOffset? Time(this JsonNode? node, string path) =>
        Str(node, path) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t
            : null;

    public static IEnumerable<JsonObject> Objects(this JsonNode? node, string path) =>
        (At(node, path) as JsonArray ?? []).OfType<JsonObject>();

    public static IEnumerable<KeyValuePair<string, JsonNode?>> Map(this JsonNode? node, string path) =>
        At(node, path) as JsonObject ?? [];

    public static string Name(this JsonNode obj) => Str(obj, "metadata.name") ?? "";

    public static string? Namespace(this JsonNode obj) => Str(obj, "metadata.namespace");

    /// <summary>The condition of a type, e.g. Ready, from status.conditions.</summary>
    public static JsonObject? Condition(this JsonNode? obj, string type) =>
        Objects(obj, "status.conditions").FirstOrDefault(c => Str(c, "type") == type);
}
