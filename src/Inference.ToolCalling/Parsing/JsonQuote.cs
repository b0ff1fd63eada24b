using System.Globalization;
using System.Text;

namespace Inference.ToolCalling;

/// <summary>JSON string literals escaped character by character, so the quoted form of a prefix is a prefix of the quoted whole.</summary>
internal static class JsonQuote
{
    public static string Quote(string value) => Open(value) + "\"";

    /// <summary>The literal without its closing quote.</summary>
    public static string Open(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < ' ' => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }
}
