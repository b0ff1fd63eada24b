using System.Text.Json;

namespace Inference.Grammars;

internal sealed partial class SchemaConverter
{
    private static readonly Dictionary<string, string> FormatRules = new(StringComparer.Ordinal)
    {
        ["date"] = "date-string",
        ["time"] = "time-string",
        ["date-time"] = "date-time-string",
        ["uuid"] = "uuid",
    };

    /// <summary>
    /// Strings with a length range, a pattern or a known format. Unknown formats (email, uri, ...) are
    /// annotations in JSON Schema 2020-12 and give a plain string.
    /// </summary>
    private string StringBody(SchemaNode node, string name)
    {
        var minLength = TakeCount(node, "minLength") ?? 0;
        var maxLength = TakeCount(node, "maxLength");
        var hasLength = node.Has("minLength") || node.Has("maxLength");
        var format = node.TryTake("format", out var formatElement) ? formatElement.GetString() : null;
        var knownFormat = format is not null && FormatRules.ContainsKey(format);

        if (node.TryTake("pattern", out var pattern))
        {
            if (hasLength || knownFormat)
            {
                throw new UnsupportedSchemaException(["pattern", hasLength ? "minLength/maxLength" : "format"], node.Path, "pattern combined with other string constraints");
            }
            if (pattern.ValueKind != JsonValueKind.String)
            {
                throw new InvalidSchemaException("pattern must be a string", node.Child("pattern"));
            }
            return PatternConverter.Convert(_builder, pattern.GetString()!, RuleName(name), node.Child("pattern"));
        }
        if (knownFormat)
        {
            if (hasLength)
            {
                throw new UnsupportedSchemaException(["format", "minLength/maxLength"], node.Path, "format combined with a length range");
            }
            return Primitive(FormatRules[format!]);
        }
        if (!hasLength)
        {
            return Primitive("string");
        }
        var characters = Repetition(Primitive("char"), minLength, maxLength, "", node, "minLength");
        return characters.Length == 0 ? "\"\\\"\" \"\\\"\"" : $"\"\\\"\" {characters} \"\\\"\"";
    }
}
