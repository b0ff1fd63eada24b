using System.Text.Json;
using Inference.Grammars;

namespace Inference.ToolCalling;

/// <summary>
/// GBNF for GLM's key/value argument pairs. Object schemas with <c>properties</c> give one pair per
/// property in declared order (optional ones may be left out); string values are free text (an enum gives
/// its literals), other values are JSON matching the property schema. Other schemas allow any pairs.
/// </summary>
internal static class GlmArgumentsGrammar
{
    public static string Pairs(ToolGrammarContext grammar, ToolDefinition tool, string keyOpen, string keyClose, string valueOpen, string valueClose)
    {
        string Pair(string key, string value) =>
            $"{ToolGrammarContext.Literal($"{keyOpen}")} {key} {ToolGrammarContext.Literal($"{keyClose}\n{valueOpen}")} {value} {ToolGrammarContext.Literal($"{valueClose}\n")}";

        var schema = tool.Parameters;
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return $"({Pair(grammar.TextUntil(keyClose), grammar.TextUntil(valueClose))})*";
        }
        var required = schema.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array
            ? r.EnumerateArray().Select(e => e.GetString()).ToHashSet(StringComparer.Ordinal)
            : [];
        var parts = new List<string>();
        foreach (var property in properties.EnumerateObject())
        {
            var value = ValueRule(grammar, $"{tool.Name}-{property.Name}", property.Value, valueClose);
            var pair = Pair(ToolGrammarContext.Literal(property.Name), value);
            parts.Add(required.Contains(property.Name) ? pair : $"({pair})?");
        }
        return parts.Count == 0 ? "\"\"" : string.Join(" ", parts);
    }

    private static string ValueRule(ToolGrammarContext grammar, string name, JsonElement schema, string valueClose)
    {
        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "string")
        {
            return schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array
                ? "(" + string.Join(" | ", values.EnumerateArray().Select(v => ToolGrammarContext.Literal(v.GetString() ?? ""))) + ")"
                : grammar.TextUntil(valueClose);
        }
        return grammar.Builder.AddSchema(name, schema);
    }
}
