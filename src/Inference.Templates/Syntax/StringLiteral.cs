using System.Globalization;
using System.Text;

namespace Inference.Templates.Syntax;

/// <summary>
/// Decodes the body of a quoted template string the way Jinja does:
/// <c>body.encode("ascii", "backslashreplace").decode("unicode-escape")</c>. Python escapes are processed,
/// unknown ones (like <c>\d</c>) are kept verbatim.
/// </summary>
internal static class StringLiteral
{
    public static string Decode(string body)
    {
        if (!body.Contains('\\', StringComparison.Ordinal))
        {
            return body;
        }

        var source = EscapeNonAscii(body);
        var builder = new StringBuilder(source.Length);
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (c != '\\' || i + 1 >= source.Length)
            {
                builder.Append(c);
                continue;
            }

            var next = source[++i];
            switch (next)
            {
                case '\n':
                    break;
                case '\\' or '\'' or '"':
                    builder.Append(next);
                    break;
                case 'a':
                    builder.Append('\a');
                    break;
                case 'b':
                    builder.Append('\b');
                    break;
                case 'f':
                    builder.Append('\f');
                    break;
                case 'n':
                    builder.Append('\n');
                    break;
                case 'r':
                    builder.Append('\r');
                    break;
                case 't':
                    builder.Append('\t');
                    break;
                case 'v':
                    builder.Append('\v');
                    break;
                case 'x':
                    builder.Append(ReadHex(source, ref i, 2, "\\xXX"));
                    break;
                case 'u':
                    builder.Append(ReadHex(source, ref i, 4, "\\uXXXX"));
                    break;
                case 'U':
                    builder.Append(ReadHex(source, ref i, 8, "\\UXXXXXXXX"));
                    break;
                case >= '0' and <= '7':
                    var value = next - '0';
                    for (var digits = 1; digits < 3 && i + 1 < source.Length && source[i + 1] is >= '0' and <= '7'; digits++)
                    {
                        value = (value * 8) + (source[++i] - '0');
                    }

                    builder.Append((char)value);
                    break;
                default:
                    builder.Append('\\').Append(next);
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>The "backslashreplace" step: non-ASCII characters become \x, \u or \U escapes first.</summary>
    private static string EscapeNonAscii(string body)
    {
        var builder = new StringBuilder(body.Length);
        foreach (var rune in body.EnumerateRunes())
        {
            var value = rune.Value;
            if (value < 0x80)
            {
                builder.Append((char)value);
            }
            else if (value <= 0xFF)
            {
                builder.Append("\\x").Append(value.ToString("x2", CultureInfo.InvariantCulture));
            }
            else if (value <= 0xFFFF)
            {
                builder.Append("\\u").Append(value.ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append("\\U").Append(value.ToString("x8", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static string ReadHex(string source, ref int i, int length, string form)
    {
        if (i + length >= source.Length)
        {
            throw new TemplateException($"truncated {form} escape", TemplateErrorKind.Syntax);
        }

        var hex = source.AsSpan(i + 1, length);
        if (!int.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value) || hex.ContainsAny('+', '-'))
        {
            throw new TemplateException($"truncated {form} escape", TemplateErrorKind.Syntax);
        }

        i += length;
        return value switch
        {
            > 0x10FFFF => throw new TemplateException("illegal Unicode character", TemplateErrorKind.Syntax),
            >= 0xD800 and <= 0xDFFF => ((char)value).ToString(),
            _ => char.ConvertFromUtf32(value),
        };
    }
}
