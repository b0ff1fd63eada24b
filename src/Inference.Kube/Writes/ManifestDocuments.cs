using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Inference.Kube.Writes;

/// <summary>
/// The objects of a YAML manifest (one or more documents), as JSON trees. Plain scalars are typed as YAML 1.2's core
/// schema types them (null, booleans, integers, floats); quoted scalars stay strings.
/// </summary>
public static class ManifestDocuments
{
    public static IReadOnlyList<JsonObject> Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var objects = new List<JsonObject>();
        foreach (var document in stream.Documents)
        {
            switch (ToJson(document.RootNode))
            {
                case null:
                    continue; // an empty document (a trailing ---)
                case JsonObject obj when obj["kind"]?.ToString() is { Length: > 0 } kind && kind.EndsWith("List", StringComparison.Ordinal) && obj["items"] is JsonArray items:
                    objects.AddRange(items.OfType<JsonObject>().Select(i => (JsonObject)i.DeepClone()));
                    break;
                case JsonObject obj:
                    objects.Add(obj);
                    break;
                default:
                    throw new YamlException("Each YAML document of a manifest must be one object (a mapping with apiVersion, kind and metadata).");
            }
        }

        return objects;
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(p =>
            KeyValuePair.Create(((YamlScalarNode)p.Key).Value ?? "", ToJson(p.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(ToJson)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain || (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific && scalar.Tag.Value == "tag:yaml.org,2002:str"))
            return JsonValue.Create(text);
        if (text is "" or "~" or "null" or "Null" or "NULL")
            return null;
        if (text is "true" or "True" or "TRUE")
            return JsonValue.Create(true);
        if (text is "false" or "False" or "FALSE")
            return JsonValue.Create(false);
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            return JsonValue.Create(integer);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && text.Any(char.IsDigit))
            return JsonValue.Create(number);
        return JsonValue.Create(text);
    }
}
