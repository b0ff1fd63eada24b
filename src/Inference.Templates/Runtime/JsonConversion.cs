using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Inference.Templates.Runtime;

/// <summary>
/// Maps render variables from System.Text.Json to engine values as Python's <c>json.loads</c> would:
/// objects keep key order, integers stay ints, numbers with a fraction or exponent become floats,
/// null becomes none.
/// </summary>
internal static class JsonConversion
{
    public static PyDict ToDict(JsonObject json)
    {
        var dict = new PyDict(json.Count);
        foreach (var (key, value) in json)
        {
            dict[key] = ToValue(value);
        }

        return dict;
    }

    public static object? ToValue(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => ToDict(obj),
        JsonArray array => array.Select(ToValue).ToList(),
        JsonValue value => ToScalar(value),
        _ => throw new TemplateException($"unsupported JSON node {node.GetType().Name}"),
    };

    private static object? ToScalar(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.True => PyOps.True,
        JsonValueKind.False => PyOps.False,
        JsonValueKind.Null => null,
        JsonValueKind.Number => ToNumber(value),

        // A JsonValue can wrap a whole JsonElement object or array (JsonValue.Create(element)).
        JsonValueKind.Object or JsonValueKind.Array => ToValue(JsonNode.Parse(value.ToJsonString())),
        var kind => throw new TemplateException($"unsupported JSON value kind {kind}"),
    };

    /// <summary>Parsed JSON keeps its text (20 vs 20.0); values built in code keep their CLR type.</summary>
    private static object ToNumber(JsonValue value)
    {
        if (value.TryGetValue<JsonElement>(out var element))
        {
            return ParseNumber(element.GetRawText());
        }

        if (value.TryGetValue<long>(out var integer))
        {
            return PyOps.Box(integer);
        }

        return value.TryGetValue<double>(out var real) ? real : ParseNumber(value.ToJsonString());
    }

    private static object ParseNumber(string raw)
    {
        if (raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0 && long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return PyOps.Box(integer);
        }

        return double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
