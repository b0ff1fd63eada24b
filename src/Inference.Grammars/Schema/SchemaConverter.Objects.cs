using System.Text.Json;

namespace Inference.Grammars;

internal sealed partial class SchemaConverter
{
    private const string AdditionalKey = "*";

    /// <summary>
    /// Required properties come first in declared order, then any subset of the optional ones, also in
    /// declared order (as llama.cpp does). Without <c>additionalProperties</c> no extra keys are allowed,
    /// which is a safe subset of what the schema accepts.
    /// </summary>
    private string ObjectBody(SchemaNode node, string name)
    {
        var hasProperties = node.TryTake("properties", out var propertiesElement);
        var required = RequiredNames(node);
        var hasAdditional = node.TryTake("additionalProperties", out var additional);
        if (!hasProperties && required.Count == 0 && (!hasAdditional || IsAnySchema(additional)))
        {
            return Primitive("object");
        }

        var properties = new List<(string Name, JsonElement Schema)>();
        if (hasProperties)
        {
            if (propertiesElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidSchemaException("properties must be an object", node.Child("properties"));
            }
            properties.AddRange(propertiesElement.EnumerateObject().Select(p => (p.Name, p.Value)));
        }
        foreach (var missing in required.Where(r => properties.TrueForAll(p => p.Name != r)).ToList())
        {
            properties.Add((missing, JsonSerializer.SerializeToElement(true)));
        }

        var keyValueRules = new Dictionary<string, string>(StringComparer.Ordinal);
        var requiredKeys = new List<string>();
        var optionalKeys = new List<string>();
        foreach (var (propertyName, schema) in properties)
        {
            var propertyRuleName = ChildName(name, propertyName);
            var valueRule = Visit(schema, propertyRuleName, SchemaPath.Append(node.Child("properties"), propertyName));
            keyValueRules[propertyName] = _builder.AddRule(
                $"{propertyRuleName}-kv", $"{Gbnf.Literal(JsonText.Quote(propertyName))} space \":\" space {valueRule}");
            (required.Contains(propertyName) ? requiredKeys : optionalKeys).Add(propertyName);
        }
        if (hasAdditional && additional.ValueKind != JsonValueKind.False)
        {
            keyValueRules[AdditionalKey] = AdditionalPropertyRule(node, name, additional, properties.ConvertAll(p => p.Name));
            optionalKeys.Add(AdditionalKey);
        }
        return ObjectRule(name, requiredKeys, optionalKeys, keyValueRules);
    }

    private static HashSet<string> RequiredNames(SchemaNode node)
    {
        if (!node.TryTake("required", out var required))
        {
            return [];
        }
        if (required.ValueKind != JsonValueKind.Array || required.EnumerateArray().Any(r => r.ValueKind != JsonValueKind.String))
        {
            throw new InvalidSchemaException("required must be an array of strings", node.Child("required"));
        }
        return required.EnumerateArray().Select(r => r.GetString()!).ToHashSet(StringComparer.Ordinal);
    }

    private static bool IsAnySchema(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.True
        || schema.ValueKind == JsonValueKind.Object && !schema.EnumerateObject().Any(p => !SchemaNode.Annotations.Contains(p.Name));

    private string AdditionalPropertyRule(SchemaNode node, string name, JsonElement schema, List<string> declared)
    {
        var additionalName = ChildName(name, "additional");
        var valueRule = IsAnySchema(schema)
            ? Primitive("value")
            : Visit(schema, $"{additionalName}-value", node.Child("additionalProperties"));
        var keyRule = declared.Count == 0
            ? Primitive("string")
            : _builder.AddRule($"{additionalName}-k", StringExclusionRule.Build(declared, Primitive("char")));
        return _builder.AddRule($"{additionalName}-kv", $"{keyRule} space \":\" space {valueRule}");
    }

    private string ObjectRule(string name, List<string> requiredKeys, List<string> optionalKeys, Dictionary<string, string> keyValueRules)
    {
        if (requiredKeys.Count == 0 && optionalKeys.Count == 0)
        {
            return "\"{\" space \"}\"";
        }
        var parts = new List<string> { "\"{\" space", string.Join(" \",\" space ", requiredKeys.Select(k => keyValueRules[k])) };
        if (optionalKeys.Count > 0)
        {
            var starts = Enumerable.Range(0, optionalKeys.Count)
                .Select(i => OptionalFrom(name, optionalKeys, i, keyValueRules))
                .ToList();
            var choice = string.Join(" | ", starts);
            parts.Add(requiredKeys.Count > 0 ? $"( \",\" space ( {choice} ) )?" : $"( {choice} )?");
        }
        parts.Add("space \"}\"");
        return string.Join(" ", parts.Where(p => p.Length > 0));
    }

    /// <summary>The optional keys when <paramref name="first"/> is the first one present.</summary>
    private string OptionalFrom(string name, List<string> keys, int first, Dictionary<string, string> keyValueRules)
    {
        var key = keys[first];
        var head = key == AdditionalKey
            ? $"{keyValueRules[key]} ( \",\" space {keyValueRules[key]} )*"
            : keyValueRules[key];
        return first + 1 < keys.Count ? $"{head} {RestRule(name, keys, first + 1, keyValueRules)}" : head;
    }

    /// <summary>A rule for "any subset, in order, of the keys from <paramref name="from"/> on", each preceded by a comma.</summary>
    private string RestRule(string name, List<string> keys, int from, Dictionary<string, string> keyValueRules)
    {
        var key = keys[from];
        var body = $"( \",\" space {keyValueRules[key]} ){(key == AdditionalKey ? "*" : "?")}";
        if (from + 1 < keys.Count)
        {
            body += " " + RestRule(name, keys, from + 1, keyValueRules);
        }
        var keyName = key == AdditionalKey ? "additional" : key;
        return _builder.AddRule($"{ChildName(name, keyName)}-rest", body);
    }
}
