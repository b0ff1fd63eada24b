using System.Globalization;
using System.Text.Json;

namespace Inference.Grammars;

/// <summary>RFC 6901 pointers (the part after '#' in a local <c>$ref</c>).</summary>
internal static class JsonPointer
{
    public static JsonElement? Resolve(JsonElement document, string pointer)
    {
        var current = document;
        foreach (var segment in Segments(pointer))
        {
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out var child))
            {
                current = child;
            }
            else if (current.ValueKind == JsonValueKind.Array
                && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                return null;
            }
        }
        return current;
    }

    public static string ToPath(string pointer) => Segments(pointer).Aggregate(SchemaPath.Root, SchemaPath.Append);

    private static IEnumerable<string> Segments(string pointer) =>
        Uri.UnescapeDataString(pointer)
            .Split('/')
            .Skip(1)
            .Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
}
