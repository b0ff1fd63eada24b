using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Inference.Kube.Testing;

/// <summary>YAML (one or many documents) to System.Text.Json nodes, with YAML 1.2 core-schema scalars.</summary>
internal static partial class YamlJson
{
    public static IEnumerable<JsonObject> ParseObjects(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        foreach (var document in stream.Documents)
        {
            if (Convert(document.RootNode) is JsonObject obj)
            {
                yield return obj;
            }
        }
    }

    public static JsonNode? ParseOne(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);
    }

    private static JsonNode? Convert(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (key, value) in map.Children)
                {
                    obj[((YamlScalarNode)key).Value ?? ""] = Convert(value);
                }

                return obj;
            case YamlSequenceNode seq:
                var array = new JsonArray();
                foreach (var item in seq.Children)
                {
                    array.Add(Convert(item));
                }

                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                return null;
        }
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => JsonValue.Create(integer),
            _ when FloatPattern().IsMatch(text) => JsonValue.Create(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)),
            _ => JsonValue.Create(text),
        };
    }

    [GeneratedRegex("^[-+]?(0|[1-9][0-9]*)$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(0|[1-9][0-9]*)(\.[0-9]*)?([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
