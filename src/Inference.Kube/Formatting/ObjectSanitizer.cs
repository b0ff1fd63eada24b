using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Inference.Kube.Safety;

namespace Inference.Kube.Formatting;

/// <summary>
/// Prepares an object for a model: drops managedFields and the last-applied annotation (a second copy of the spec,
/// which for a Secret holds its data), replaces Secret values by their sizes (teaching the redactor the values so
/// they are masked anywhere else), and masks literal env values whose names say they are secret.
/// </summary>
public static partial class ObjectSanitizer
{
    public const string LastApplied = "kubectl.kubernetes.io/last-applied-configuration";

    /// <summary>Returns a sanitized copy; the input is not changed.</summary>
    public static JsonObject Sanitize(JsonObject source, Redactor redactor)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(redactor);
        var obj = (JsonObject)source.DeepClone();
        if (obj["metadata"] is JsonObject metadata)
        {
            metadata.Remove("managedFields");
            if (metadata["annotations"] is JsonObject annotations && annotations.ContainsKey(LastApplied))
                annotations[LastApplied] = "(omitted)";
        }

        if (obj.Str("kind") == "Secret")
            HideSecretData(obj, redactor);
        MaskSecretEnv(obj);
        return obj;
    }

    /// <summary>Secret data as key → "N bytes"; values are learned by the redactor, never returned.</summary>
    public static void HideSecretData(JsonObject secret, Redactor redactor)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(redactor);
        foreach (var field in new[] { "data", "stringData" })
        {
            if (secret[field] is not JsonObject data)
                continue;
            var sizes = new JsonObject();
            foreach (var (key, value) in data)
            {
                var text = value?.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : "";
                var bytes = field == "data" ? Decode(text) : Encoding.UTF8.GetBytes(text);
                redactor.LearnSecretValue(text);
                if (field == "data")
                    redactor.LearnSecretValue(Encoding.UTF8.GetString(bytes));
                sizes[key] = string.Create(CultureInfo.InvariantCulture, $"<{bytes.Length} bytes, hidden>");
            }

            secret[field] = sizes;
        }
    }

    /// <summary>Learns a Secret's values without keeping the object (list and describe read Secrets too).</summary>
    public static void Learn(JsonObject secret, Redactor redactor) => HideSecretData((JsonObject)secret.DeepClone(), redactor);

    private static byte[] Decode(string base64)
    {
        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            return Encoding.UTF8.GetBytes(base64);
        }
    }

    // Any {name, value} pair (container env) whose name looks like a credential keeps its name, not its value.
    private static void MaskSecretEnv(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["name"] is JsonValue name && obj["value"] is JsonValue
                    && name.GetValueKind() == System.Text.Json.JsonValueKind.String
                    && SecretName().IsMatch(name.GetValue<string>())
                    && !IsVariableReference(obj["value"]?.ToString()))
                    obj["value"] = Redactor.Mask;
                foreach (var (_, child) in obj)
                    MaskSecretEnv(child);
                break;
            case JsonArray array:
                foreach (var child in array)
                    MaskSecretEnv(child);
                break;
        }
    }

    /// <summary>"$(OTHER_VAR)" or "${OTHER_VAR}": names another variable, holds no secret itself.</summary>
    public static bool IsVariableReference(string? value) => value is not null && VariableReference().IsMatch(value);

    [GeneratedRegex(@"^\$[({][A-Za-z_][A-Za-z0-9_]*[)}]$")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"(?i)(password|passwd|pwd|passphrase|token|secret|api[_-]?key|access[_-]?key|private[_-]?key|credentials?|dsn|connection[_-]?string)")]
    internal static partial Regex SecretName();
}
