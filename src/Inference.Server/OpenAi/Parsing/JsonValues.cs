using System.Text.Json;

namespace Inference.Server.OpenAi;

/// <summary>Typed reads of one JSON value; <c>param</c> names it in the 400 when it has the wrong type.</summary>
internal static class JsonValues
{
    public static string GetString(JsonElement value, string param) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw RequestErrors.InvalidType(param, "a string", value);

    public static bool GetBoolean(JsonElement value, string param) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw RequestErrors.InvalidType(param, "a boolean", value),
    };

    public static double GetNumber(JsonElement value, string param)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            throw RequestErrors.InvalidType(param, "a number", value);
        }

        return value.TryGetDouble(out var number) && double.IsFinite(number)
            ? number
            : throw RequestErrors.OutOfRange(param, "a finite number", value);
    }

    public static long GetInt64(JsonElement value, string param)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            throw RequestErrors.InvalidType(param, "an integer", value);
        }

        return value.TryGetInt64(out var integer) ? integer : throw RequestErrors.OutOfRange(param, "an integer", value);
    }

    public static int GetInt32(JsonElement value, string param)
    {
        var integer = GetInt64(value, param);
        return integer is >= int.MinValue and <= int.MaxValue
            ? (int)integer
            : throw RequestErrors.OutOfRange(param, "a 32-bit integer", value);
    }

    public static JsonElement GetObject(JsonElement value, string param) =>
        value.ValueKind == JsonValueKind.Object ? value : throw RequestErrors.InvalidType(param, "an object", value);

    public static JsonElement GetArray(JsonElement value, string param) =>
        value.ValueKind == JsonValueKind.Array ? value : throw RequestErrors.InvalidType(param, "an array", value);
}
