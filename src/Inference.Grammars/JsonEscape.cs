using System.Globalization;
using System.Text;

namespace Inference.Grammars;

/// <summary>
/// JSON string text the way a model writes it: minimal escapes, non-ASCII left as is. Escaping is
/// character by character, so the quoted form of a prefix is a prefix of the quoted whole.
/// </summary>
public static class JsonEscape
{
    /// <summary>One character as it appears inside a JSON string.</summary>
    public static string Char(int codePoint) => codePoint switch
    {
        '"' => "\\\"",
        '\\' => "\\\\",
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        '\b' => "\\b",
        '\f' => "\\f",
        < 0x20 => "\\u" + codePoint.ToString("x4", CultureInfo.InvariantCulture),
        _ => char.ConvertFromUtf32(codePoint),
    };

    /// <summary>A complete JSON string literal.</summary>
    public static string Quote(string value) => Open(value) + "\"";

    /// <summary>The literal without its closing quote (for a value still being streamed).</summary>
    public static string Open(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var rune in value.EnumerateRunes())
        {
            text.Append(Char(rune.Value));
        }

        return text.ToString();
    }
}
