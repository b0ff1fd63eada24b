using System.Globalization;
using System.Text;
using Inference.Templates.Runtime;

namespace Inference.Templates.Formatting;

/// <summary>Python's <c>str()</c> and <c>repr()</c> of engine values: <c>True</c>, <c>None</c>, <c>['a', 1]</c>, <c>{'k': 2.0}</c>.</summary>
internal static class PyRepr
{
    public static string Str(object? value) => value switch
    {
        string s => s,
        Markup markup => markup.Text,
        Undefined => string.Empty,
        _ => Repr(value),
    };

    public static void AppendStr(StringBuilder builder, object? value)
    {
        switch (value)
        {
            case string s:
                builder.Append(s);
                break;
            case long l:
                builder.Append(l);
                break;
            case Markup markup:
                builder.Append(markup.Text);
                break;
            case Undefined:
                break;
            default:
                AppendRepr(builder, value);
                break;
        }
    }

    public static string Repr(object? value)
    {
        var builder = new StringBuilder();
        AppendRepr(builder, value);
        return builder.ToString();
    }

    public static void AppendRepr(StringBuilder builder, object? value)
    {
        switch (value)
        {
            case null:
                builder.Append("None");
                break;
            case bool b:
                builder.Append(b ? "True" : "False");
                break;
            case long l:
                builder.Append(l);
                break;
            case double d:
                builder.Append(FloatRepr.Format(d));
                break;
            case string s:
                AppendStringRepr(builder, s);
                break;
            case List<object?> list:
                AppendItems(builder, '[', list, "]");
                break;
            case PyTuple tuple:
                AppendItems(builder, '(', tuple, tuple.Count == 1 ? ",)" : ")");
                break;
            case PyDict dict:
                AppendDict(builder, dict);
                break;
            case Undefined:
                builder.Append("Undefined");
                break;
            case IPyObject obj:
                builder.Append(obj.Repr());
                break;
            default:
                builder.Append(value);
                break;
        }
    }

    /// <summary>Python string repr: single quotes unless the text has ' and no ", escapes for unprintables.</summary>
    public static void AppendStringRepr(StringBuilder builder, string s)
    {
        var quote = s.Contains('\'', StringComparison.Ordinal) && !s.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        builder.Append(quote);
        foreach (var rune in s.EnumerateRunes())
        {
            var c = rune.Value;
            if (c == quote || c == '\\')
            {
                builder.Append('\\').Append((char)c);
            }
            else if (c == '\n')
            {
                builder.Append("\\n");
            }
            else if (c == '\r')
            {
                builder.Append("\\r");
            }
            else if (c == '\t')
            {
                builder.Append("\\t");
            }
            else if (IsPrintable(rune))
            {
                builder.Append(rune.ToString());
            }
            else if (c <= 0xFF)
            {
                builder.Append("\\x").Append(c.ToString("x2", CultureInfo.InvariantCulture));
            }
            else if (c <= 0xFFFF)
            {
                builder.Append("\\u").Append(c.ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append("\\U").Append(c.ToString("x8", CultureInfo.InvariantCulture));
            }
        }

        builder.Append(quote);
    }

    /// <summary>Python's <c>str.isprintable()</c> for one code point: everything but controls, separators and unassigned.</summary>
    private static bool IsPrintable(Rune rune)
    {
        if (rune.Value == ' ')
        {
            return true;
        }

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.SpaceSeparator => false,
            _ => true,
        };
    }

    private static void AppendItems(StringBuilder builder, char open, IEnumerable<object?> items, string close)
    {
        builder.Append(open);
        var first = true;
        foreach (var item in items)
        {
            if (!first)
            {
                builder.Append(", ");
            }

            first = false;
            AppendRepr(builder, item);
        }

        builder.Append(close);
    }

    private static void AppendDict(StringBuilder builder, PyDict dict)
    {
        builder.Append('{');
        var first = true;
        foreach (var (key, value) in dict)
        {
            if (!first)
            {
                builder.Append(", ");
            }

            first = false;
            AppendRepr(builder, key);
            builder.Append(": ");
            AppendRepr(builder, value);
        }

        builder.Append('}');
    }
}
