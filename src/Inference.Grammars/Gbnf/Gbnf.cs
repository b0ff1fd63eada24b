using System.Globalization;
using System.Text;

namespace Inference.Grammars;

/// <summary>Helpers for writing GBNF text.</summary>
public static class Gbnf
{
    /// <summary>A GBNF string literal that matches <paramref name="text"/> exactly.</summary>
    public static string Literal(string text)
    {
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var rune in text.EnumerateRunes())
        {
            sb.Append(rune.Value switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                _ => EscapeControl(rune),
            });
        }
        return sb.Append('"').ToString();
    }

    /// <summary>One code point written for use inside a GBNF character class <c>[...]</c>.</summary>
    public static string ClassChar(int codePoint) => codePoint switch
    {
        '"' => "\\\"",
        '\\' => "\\\\",
        ']' => "\\]",
        '-' => "\\-",
        '[' => "\\[",
        // '^' only means negation in first position, but the hex form is safe anywhere.
        '^' => "\\x5E",
        _ => EscapeControl(new Rune(codePoint)),
    };

    private static string EscapeControl(Rune rune) => rune.Value switch
    {
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        < 0x20 or 0x7F => "\\x" + rune.Value.ToString("X2", CultureInfo.InvariantCulture),
        _ => rune.ToString(),
    };

    /// <summary>Wraps an expression in parentheses unless it is already a single item.</summary>
    internal static string Group(string expression) =>
        HasTopLevel(expression, alternationOnly: false) ? $"({expression})" : expression;

    /// <summary>Wraps an expression in parentheses if it has a top-level '|', so it can sit inside a sequence.</summary>
    internal static string GroupAlternatives(string expression) =>
        HasTopLevel(expression, alternationOnly: true) ? $"({expression})" : expression;

    private static bool HasTopLevel(string expression, bool alternationOnly)
    {
        var depth = 0;
        var inLiteral = false;
        var inClass = false;
        for (var i = 0; i < expression.Length; i++)
        {
            var c = expression[i];
            if (c == '\\')
            {
                i++;
                continue;
            }
            if (inLiteral)
            {
                inLiteral = c != '"';
            }
            else if (inClass)
            {
                inClass = c != ']';
            }
            else if (c == '"')
            {
                inLiteral = true;
            }
            else if (c == '[')
            {
                inClass = true;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth--;
            }
            else if (depth == 0 && (c == '|' || c == ' ' && !alternationOnly))
            {
                return true;
            }
        }
        return false;
    }
}
