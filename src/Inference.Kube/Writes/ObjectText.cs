using System.Text.Json;
using System.Text.Json.Nodes;

namespace Inference.Kube.Writes;

/// <summary>Small accessors for objects held as JSON trees.</summary>
public static class ObjectText
{
    public static string? Str(this JsonNode? node, params string[] path)
    {
        foreach (var key in path)
            node = (node as JsonObject)?[key];
        return node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node is JsonValue other ? other.ToJsonString() : null;
    }

    public static long? Num(this JsonNode? node, params string[] path)
    {
        foreach (var key in path)
            node = (node as JsonObject)?[key];
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<long>() : null;
    }

    public static string Name(this JsonObject obj) => obj.Str("metadata", "name") ?? "";

    public static string? Namespace(this JsonObject obj) => obj.Str("metadata", "namespace");

    public static string? ResourceVersion(this JsonObject obj) => obj.Str("metadata", "resourceVersion");

    /// <summary>Kind/name, or Kind/namespace/name: how previews and results name an object.</summary>
    public static string Label(string kind, string? ns, string name) => ns is null ? $"{kind}/{name}" : $"{kind}/{ns}/{name}";
}
