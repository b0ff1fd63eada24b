using System.Text.Json;

namespace Inference.Grammars;

/// <summary>Writes JSON text the way a model would: minimal escaping, non-ASCII left as is.</summary>
internal static class JsonText
{
    public static string Quote(string value) => JsonEscape.Quote(value);

    /// <summary>GBNF matching exactly <paramref name="value"/>, with optional whitespace between tokens.</summary>
    public static string ConstantRule(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => Container("{", "}", value.EnumerateObject()
            .Select(p => $"{Gbnf.Literal(Quote(p.Name))} space \":\" space {ConstantRule(p.Value)}")),
        JsonValueKind.Array => Container("[", "]", value.EnumerateArray().Select(ConstantRule)),
        JsonValueKind.String => Gbnf.Literal(Quote(value.GetString()!)),
        _ => Gbnf.Literal(value.GetRawText()),
    };

    private static string Container(string open, string close, IEnumerable<string> items)
    {
        var inner = string.Join(" \",\" space ", items.Select(Gbnf.Group));
        return inner.Length == 0
            ? $"\"{open}\" space \"{close}\""
            : $"(\"{open}\" space {inner} space \"{close}\")";
    }
}
