using System.Globalization;
using System.Text.Json;
using Inference.Grammars;

namespace Inference.ToolCalling;

/// <summary>Building blocks for call grammars, sharing one <see cref="GbnfBuilder"/>.</summary>
internal sealed class ToolGrammarContext(GbnfBuilder builder)
{
    private readonly Dictionary<string, string> _textUntil = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _arguments = new(StringComparer.Ordinal);

    public GbnfBuilder Builder => builder;

    public static string Literal(string text) => Gbnf.Literal(text);

    /// <summary>A rule for text that does not contain <paramref name="marker"/>.</summary>
    public string TextUntil(string marker)
    {
        if (!_textUntil.TryGetValue(marker, out var rule))
        {
            rule = TextUntilRule.Add(builder, marker, "text-until-" + _textUntil.Count.ToString(CultureInfo.InvariantCulture));
            _textUntil[marker] = rule;
        }
        return rule;
    }

    /// <summary>
    /// The rule for a tool's arguments. A schema the converter cannot handle fails for strict tools and
    /// falls back to any JSON object otherwise.
    /// </summary>
    public string ArgumentsRule(ToolDefinition tool)
    {
        if (!_arguments.TryGetValue(tool.Name, out var rule))
        {
            var schema = tool.Parameters;
            if (!tool.Strict && !Converts(schema))
            {
                schema = JsonSerializer.SerializeToElement(new { type = "object" });
            }
            rule = builder.AddSchema($"{tool.Name}-args", schema);
            _arguments[tool.Name] = rule;
        }
        return rule;
    }

    /// <summary><c>{"nameKey": "name", "argumentsKey": ARGS}</c> with optional whitespace between tokens.</summary>
    public string JsonCallObject(string nameKey, string name, string argumentsKey, string argumentsRule) =>
        $"\"{{\" space {Literal(JsonEscape.Quote(nameKey))} space \":\" space {Literal(JsonEscape.Quote(name))} space \",\" space "
        + $"{Literal(JsonEscape.Quote(argumentsKey))} space \":\" space {argumentsRule} space \"}}\"";

    private static bool Converts(JsonElement schema)
    {
        try
        {
            JsonSchemaToGbnf.Convert(schema);
            return true;
        }
        catch (InvalidSchemaException)
        {
            return false;
        }
    }
}
