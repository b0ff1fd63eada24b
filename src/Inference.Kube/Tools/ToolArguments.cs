using System.Globalization;
using System.Text.Json;

namespace Inference.Kube.Tools;

/// <summary>Typed reads of a tool's JSON arguments; wrong types and missing required values throw a readable error.</summary>
public readonly struct ToolArguments(JsonElement root)
{
    public string? Context => String("context");

    public string? String(string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : null,
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            _ => throw new ToolArgumentException($"\"{name}\" must be a string."),
        };
    }

    public string RequiredString(string name) =>
        String(name) ?? throw new ToolArgumentException($"\"{name}\" is required.");

    public int? Int(string name, int min = int.MinValue, int max = int.MaxValue)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        int number;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n))
            number = n;
        else if (value.ValueKind == JsonValueKind.String
            && int.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
            number = parsed;
        else
            throw new ToolArgumentException($"\"{name}\" must be a whole number.");
        if (number < min || number > max)
            throw new ToolArgumentException($"\"{name}\" must be between {min} and {max}.");
        return number;
    }

    public bool Bool(string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return false;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when bool.TryParse(value.GetString(), out var b) => b,
            _ => throw new ToolArgumentException($"\"{name}\" must be true or false."),
        };
    }
}
