using System.Text.Json;

namespace Inference.Server.OpenAi;

/// <summary>
/// Typed reads of the fields of one JSON object at <c>path</c> (e.g. "messages[1]"), so that errors name the
/// field as OpenAI does ("messages[1].content"). A field set to null counts as absent, as OpenAI treats it.
/// </summary>
internal readonly struct JsonFieldReader(JsonElement obj, string path)
{
    public string Param(string name) => path.Length == 0 ? name : $"{path}.{name}";

    public bool TryGet(string name, out JsonElement value)
    {
        if (obj.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        return false;
    }

    public bool Has(string name) => TryGet(name, out _);

    public string? GetString(string name) => TryGet(name, out var value) ? JsonValues.GetString(value, Param(name)) : null;

    public string GetRequiredString(string name) => GetString(name) ?? throw RequestErrors.Missing(Param(name));

    public bool? GetBoolean(string name) => TryGet(name, out var value) ? JsonValues.GetBoolean(value, Param(name)) : null;

    public double? GetNumber(string name) => TryGet(name, out var value) ? JsonValues.GetNumber(value, Param(name)) : null;

    public long? GetInt64(string name) => TryGet(name, out var value) ? JsonValues.GetInt64(value, Param(name)) : null;

    public int? GetInt32(string name) => TryGet(name, out var value) ? JsonValues.GetInt32(value, Param(name)) : null;

    /// <summary>A nested object, cloned so that it outlives the request's JsonDocument.</summary>
    public JsonElement? GetDetachedObject(string name) =>
        TryGet(name, out var value) ? JsonValues.GetObject(value, Param(name)).Clone() : null;

    public JsonFieldReader? GetObjectReader(string name) =>
        TryGet(name, out var value) ? new JsonFieldReader(JsonValues.GetObject(value, Param(name)), Param(name)) : null;

    public JsonFieldReader GetRequiredObjectReader(string name) => GetObjectReader(name) ?? throw RequestErrors.Missing(Param(name));

    public JsonElement? GetArray(string name) => TryGet(name, out var value) ? JsonValues.GetArray(value, Param(name)) : null;
}
