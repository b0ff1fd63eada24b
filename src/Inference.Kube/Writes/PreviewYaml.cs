using System.Text.Json.Nodes;
using Inference.Kube.Formatting;

namespace Inference.Kube.Writes;

/// <summary>
/// An object as YAML for a write preview: without the bookkeeping a write changes on its own (managedFields,
/// resourceVersion, generation, kubectl's last-applied copy), and for Secrets without their values (keys and sizes only).
/// </summary>
public static class PreviewYaml
{
    /// <summary>
    /// <paramref name="other"/>: the object this one is compared with; a Secret key whose value differs there is
    /// marked "changed", so a diff shows that a value changes without showing it.
    /// </summary>
    public static string Render(JsonObject obj, JsonObject? other = null)
    {
        var copy = (JsonObject)obj.DeepClone();
        if (copy["metadata"] is JsonObject metadata)
        {
            metadata.Remove("managedFields");
            metadata.Remove("resourceVersion");
            metadata.Remove("generation");
            // kubectl's last-applied copy repeats the spec (and a Secret's data): it would show every change twice.
            (metadata["annotations"] as JsonObject)?.Remove(ObjectSanitizer.LastApplied);
        }

        if (copy.Str("kind") == "Secret")
            HideSecretValues(copy, other);
        return Yaml.Write(copy) + "\n";
    }

    private static void HideSecretValues(JsonObject secret, JsonObject? other)
    {
        foreach (var field in new[] { "data", "stringData" })
        {
            if (secret[field] is not JsonObject values)
                continue;
            foreach (var key in values.Select(p => p.Key).ToList())
            {
                var value = values[key]?.ToString() ?? "";
                var size = field == "data" ? Base64Size(value) : value.Length;
                var before = (other?[field] as JsonObject)?[key]?.ToString();
                var changed = other is not null && before != value ? ", changed" : "";
                values[key] = $"<hidden, {size} bytes{changed}>";
            }
        }
    }

    private static int Base64Size(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) ? written : value.Length;
    }
}
