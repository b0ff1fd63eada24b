using System.Globalization;
using System.Text;
using Inference.Templates.Runtime;

namespace Inference.Templates.Formatting;

/// <summary>Python's <c>str.format(*args, **kwargs)</c> and the format-spec mini-language behind it.</summary>
internal static class StrFormatter
{
    public static string Format(string format, CallArguments arguments)
    {
        var autoIndex = 0;
        return Format(format, arguments, ref autoIndex);
    }

    private static string Format(string format, CallArguments arguments, ref int autoIndex)
    {
        var builder = new StringBuilder(format.Length + 16);
        var i = 0;
        while (i < format.Length)
        {
            var c = format[i];
            if (c == '}')
            {
                if (i + 1 < format.Length && format[i + 1] == '}')
                {
                    builder.Append('}');
                    i += 2;
                    continue;
                }

                throw new TemplateException("Single '}' encountered in format string");
            }

            if (c != '{')
            {
                builder.Append(c);
                i++;
                continue;
            }

            if (i + 1 < format.Length && format[i + 1] == '{')
            {
                builder.Append('{');
                i += 2;
                continue;
            }

            var close = FindFieldEnd(format, i + 1);
            var field = format[(i + 1)..close];
            i = close + 1;
            builder.Append(FormatField(field, arguments, ref autoIndex));
        }

        return builder.ToString();
    }

    /// <summary>Python's <c>format(value, spec)</c> for strings, ints and floats.</summary>
    public static string FormatValue(object? value, string spec)
    {
        if (spec.Length == 0)
        {
            return PyRepr.Str(value);
        }

        var parsed = FormatSpec.Parse(spec);
        var text = value switch
        {
            string s => parsed.Type is null or 's' ? (parsed.Precision is { } p && p < s.Length ? s[..p] : s) : throw BadType(parsed.Type.Value, value),
            bool or long when parsed.Type is null or 'd' or 'n' or 'x' or 'X' or 'o' or 'b' or 'c' => IntegerText(value is bool b ? (b ? 1 : 0) : (long)value, parsed),
            long or double or bool => FloatText(PyOps.ToDouble(value), parsed, value is double),
            _ when parsed.Type is null or 's' => PyRepr.Str(value),
            _ => throw BadType(parsed.Type ?? 's', value),
        };
        var numeric = value is long or double or bool && parsed.Type is not 's';
        return Align(text, parsed, numeric);
    }

    private static string FormatField(string field, CallArguments arguments, ref int autoIndex)
    {
        var spec = string.Empty;
        char? conversion = null;
        var colon = field.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            spec = field[(colon + 1)..];
            field = field[..colon];
            if (spec.Contains('{', StringComparison.Ordinal))
            {
                // A nested field such as {:>{width}} supplies part of the spec.
                spec = Format(spec, arguments, ref autoIndex);
            }
        }

        var bang = field.IndexOf('!', StringComparison.Ordinal);
        if (bang >= 0)
        {
            conversion = bang + 1 < field.Length ? field[bang + 1] : throw new TemplateException("end of string while looking for conversion specifier");
            field = field[..bang];
        }

        var nameEnd = field.IndexOfAny(['.', '[']);
        var name = nameEnd < 0 ? field : field[..nameEnd];
        object? value;
        if (name.Length == 0)
        {
            value = Positional(arguments, autoIndex++);
        }
        else if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            value = Positional(arguments, index);
        }
        else
        {
            var found = arguments.Named.FirstOrDefault(pair => pair.Key == name);
            value = found.Key is not null ? found.Value : throw new TemplateException($"KeyError: '{name}'");
        }

        value = nameEnd < 0 ? value : ApplyAccessors(value, field[nameEnd..]);
        value = conversion switch
        {
            null => value,
            's' => PyRepr.Str(value),
            'r' or 'a' => PyRepr.Repr(value),
            _ => throw new TemplateException($"Unknown conversion specifier {conversion}"),
        };
        return FormatValue(value, spec);
    }

    private static object? ApplyAccessors(object? value, string accessors)
    {
        var i = 0;
        while (i < accessors.Length)
        {
            if (accessors[i] == '.')
            {
                var end = accessors.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? accessors.Length : end;
                value = PyOps.GetAttribute(value, accessors[(i + 1)..end]);
                i = end;
            }
            else
            {
                var end = accessors.IndexOf(']', i);
                var key = accessors[(i + 1)..end];
                value = PyOps.GetItem(value, long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? PyOps.Box(number) : key);
                i = end + 1;
            }
        }

        return value is Undefined undefined ? throw undefined.Error() : value;
    }

    private static object? Positional(CallArguments arguments, int index) =>
        index < arguments.PositionalCount
            ? arguments.Positional[index]
            : throw new TemplateException($"Replacement index {index} out of range for positional args tuple");

    private static int FindFieldEnd(string format, int start)
    {
        var depth = 1;
        for (var i = start; i < format.Length; i++)
        {
            depth += format[i] switch
            {
                '{' => 1,
                '}' => -1,
                _ => 0,
            };
            if (depth == 0)
            {
                return i;
            }
        }

        throw new TemplateException("expected '}' before end of string");
    }

    private static string IntegerText(long value, FormatSpec spec)
    {
        var magnitude = value == long.MinValue ? value.ToString(CultureInfo.InvariantCulture)[1..] : Math.Abs(value) switch
        {
            var v when spec.Type is 'x' => v.ToString("x", CultureInfo.InvariantCulture),
            var v when spec.Type is 'X' => v.ToString("X", CultureInfo.InvariantCulture),
            var v when spec.Type is 'o' => Convert.ToString(v, 8),
            var v when spec.Type is 'b' => Convert.ToString(v, 2),
            var v when spec.Type is 'c' => char.ConvertFromUtf32((int)v),
            var v => v.ToString(CultureInfo.InvariantCulture),
        };
        if (spec.Alternate && spec.Type is 'x' or 'X' or 'o' or 'b')
        {
            magnitude = "0" + spec.Type + magnitude;
        }

        if (spec.Grouping is { } separator && spec.Type is null or 'd')
        {
            magnitude = Group(magnitude, separator);
        }

        return SignPrefix(value < 0, spec) + magnitude;
    }

    private static string FloatText(double value, FormatSpec spec, bool isFloat)
    {
        var negative = value < 0 || double.IsNegative(value);
        var magnitude = Math.Abs(value);
        var text = spec.Type switch
        {
            'f' or 'F' => NumberFormatting.Fixed(magnitude, spec.Precision ?? 6),
            'e' or 'E' => NumberFormatting.Exponent(magnitude, spec.Precision ?? 6, spec.Type == 'E'),
            'g' or 'G' => NumberFormatting.General(magnitude, spec.Precision ?? 6, spec.Type == 'G', spec.Alternate),
            '%' => NumberFormatting.Fixed(magnitude * 100, spec.Precision ?? 6) + "%",
            null when spec.Precision is { } p => WithPointIfNeeded(NumberFormatting.General(magnitude, p)),
            null => isFloat ? FloatRepr.Format(magnitude) : magnitude.ToString(CultureInfo.InvariantCulture),
            _ => throw BadType(spec.Type.Value, value),
        };
        if (spec.Type is 'F')
        {
            text = text.ToUpperInvariant();
        }

        if (spec.Grouping is { } separator)
        {
            var point = text.IndexOfAny(['.', 'e', 'E', '%']);
            text = point < 0 ? Group(text, separator) : Group(text[..point], separator) + text[point..];
        }

        return SignPrefix(negative && !double.IsNaN(value), spec) + text;
    }

    /// <summary>Without a type, Python formats like <c>g</c> but keeps a decimal point for whole numbers.</summary>
    private static string WithPointIfNeeded(string text) =>
        text.Contains('.', StringComparison.Ordinal) || text.Contains('e', StringComparison.Ordinal) || text.Contains("inf", StringComparison.Ordinal) || text.Contains("nan", StringComparison.Ordinal) ? text : text + ".0";

    private static string SignPrefix(bool negative, FormatSpec spec) =>
        negative ? "-" : spec.Sign switch
        {
            '+' => "+",
            ' ' => " ",
            _ => string.Empty,
        };

    private static string Group(string digits, char separator)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < digits.Length; i++)
        {
            if (i > 0 && (digits.Length - i) % 3 == 0)
            {
                builder.Append(separator);
            }

            builder.Append(digits[i]);
        }

        return builder.ToString();
    }

    private static string Align(string text, FormatSpec spec, bool numeric)
    {
        var width = spec.Width ?? 0;
        var length = PyString.Length(text);
        if (length >= width)
        {
            return text;
        }

        var padding = width - length;
        var align = spec.Align ?? (spec.ZeroPad && numeric ? '=' : numeric ? '>' : '<');
        var fill = spec.Fill ?? (spec.ZeroPad && spec.Align is null ? '0' : ' ');
        switch (align)
        {
            case '<':
                return text + new string(fill, padding);
            case '>':
                return new string(fill, padding) + text;
            case '^':
                return new string(fill, padding / 2) + text + new string(fill, padding - (padding / 2));
            default:
                var signLength = text.Length > 0 && text[0] is '-' or '+' or ' ' ? 1 : 0;
                return text[..signLength] + new string(fill, padding) + text[signLength..];
        }
    }

    private static TemplateException BadType(char type, object? value) =>
        new($"Unknown format code '{type}' for object of type '{PyTypes.Name(value)}'");

    /// <summary>A parsed <c>[[fill]align][sign][#][0][width][,|_][.precision][type]</c>.</summary>
    private sealed record FormatSpec(char? Fill, char? Align, char? Sign, bool Alternate, bool ZeroPad, int? Width, char? Grouping, int? Precision, char? Type)
    {
        public static FormatSpec Parse(string spec)
        {
            var i = 0;
            char? fill = null;
            char? align = null;
            if (spec.Length >= 2 && spec[1] is '<' or '>' or '^' or '=')
            {
                fill = spec[0];
                align = spec[1];
                i = 2;
            }
            else if (spec.Length >= 1 && spec[0] is '<' or '>' or '^' or '=')
            {
                align = spec[0];
                i = 1;
            }

            char? sign = i < spec.Length && spec[i] is '+' or '-' or ' ' ? spec[i++] : null;
            var alternate = i < spec.Length && spec[i] == '#' && ++i > 0;
            var zeroPad = i < spec.Length && spec[i] == '0' && ++i > 0;
            var width = ReadInt(spec, ref i);
            char? grouping = i < spec.Length && spec[i] is ',' or '_' ? spec[i++] : null;
            int? precision = null;
            if (i < spec.Length && spec[i] == '.')
            {
                i++;
                precision = ReadInt(spec, ref i) ?? throw new TemplateException("Format specifier missing precision");
            }

            char? type = i < spec.Length ? spec[i++] : null;
            return i == spec.Length ? new FormatSpec(fill, align, sign, alternate, zeroPad, width, grouping, precision, type) : throw new TemplateException("Invalid format specifier");
        }

        private static int? ReadInt(string spec, ref int i)
        {
            var start = i;
            while (i < spec.Length && char.IsAsciiDigit(spec[i]))
            {
                i++;
            }

            return i > start ? int.Parse(spec.AsSpan(start, i - start), CultureInfo.InvariantCulture) : null;
        }
    }
}
