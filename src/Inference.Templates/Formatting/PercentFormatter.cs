using System.Globalization;
using System.Text;
using Inference.Templates.Runtime;

namespace Inference.Templates.Formatting;

/// <summary>Python's printf-style <c>"%s: %d" % args</c>, used by the <c>%</c> operator and the <c>format</c> filter.</summary>
internal static class PercentFormatter
{
    public static string Format(string format, object? arguments)
    {
        var values = arguments is PyTuple tuple ? tuple : (IReadOnlyList<object?>)[arguments];
        var mapping = arguments as PyDict;

        // Python treats any non-tuple, non-str argument with __getitem__ as a mapping: unused, it is no error.
        var mappingLike = arguments is PyDict or List<object?> or PyRange or Undefined;
        var next = 0;
        var builder = new StringBuilder(format.Length + 16);
        var i = 0;
        while (i < format.Length)
        {
            var c = format[i++];
            if (c != '%')
            {
                builder.Append(c);
                continue;
            }

            if (i >= format.Length)
            {
                throw new TemplateException("incomplete format");
            }

            object? value = null;
            var hasValue = false;
            if (format[i] == '(')
            {
                var close = format.IndexOf(')', i);
                if (close < 0 || mapping is null)
                {
                    throw new TemplateException(close < 0 ? "incomplete format key" : "format requires a mapping");
                }

                var key = format[(i + 1)..close];
                value = mapping.TryGetValue(key, out var found) ? found : throw new TemplateException($"KeyError: '{key}'");
                hasValue = true;
                i = close + 1;
            }

            var flags = string.Empty;
            while (i < format.Length && "-+ #0".Contains(format[i], StringComparison.Ordinal))
            {
                flags += format[i++];
            }

            var width = ReadNumber(format, ref i, values, ref next);
            int? precision = null;
            if (i < format.Length && format[i] == '.')
            {
                i++;
                precision = ReadNumber(format, ref i, values, ref next) ?? 0;
            }

            while (i < format.Length && format[i] is 'h' or 'l' or 'L')
            {
                i++;
            }

            if (i >= format.Length)
            {
                throw new TemplateException("incomplete format");
            }

            var conversion = format[i++];
            if (conversion == '%')
            {
                builder.Append('%');
                continue;
            }

            if (!hasValue)
            {
                value = next < values.Count ? values[next] : throw new TemplateException("not enough arguments for format string");
                next++;
            }

            var text = Convert(conversion, value, flags, precision);
            builder.Append(Pad(text, flags, width ?? 0, conversion));
        }

        if (!mappingLike && next < values.Count)
        {
            throw new TemplateException("not all arguments converted during string formatting");
        }

        return builder.ToString();
    }

    private static int? ReadNumber(string format, ref int i, IReadOnlyList<object?> values, ref int next)
    {
        if (i < format.Length && format[i] == '*')
        {
            i++;
            return next < values.Count && values[next++] is long star ? (int)star : throw new TemplateException("* wants int");
        }

        var start = i;
        while (i < format.Length && char.IsAsciiDigit(format[i]))
        {
            i++;
        }

        return i > start ? int.Parse(format.AsSpan(start, i - start), CultureInfo.InvariantCulture) : null;
    }

    private static string Convert(char conversion, object? value, string flags, int? precision)
    {
        switch (conversion)
        {
            case 's':
                return Truncate(PyRepr.Str(value), precision);
            case 'r' or 'a':
                return Truncate(PyRepr.Repr(value), precision);
            case 'd' or 'i' or 'u':
                return Sign(IntegerText(value, conversion), flags);
            case 'x' or 'X' or 'o':
                var number = Integer(value, conversion);
                var digits = conversion == 'o' ? System.Convert.ToString(Math.Abs(number), 8) : Math.Abs(number).ToString(conversion == 'x' ? "x" : "X", CultureInfo.InvariantCulture);
                var prefix = flags.Contains('#', StringComparison.Ordinal) ? (conversion == 'o' ? "0o" : conversion == 'x' ? "0x" : "0X") : string.Empty;
                return Sign((number < 0 ? "-" : string.Empty) + prefix + digits, flags);
            case 'f' or 'F':
                return Sign(NumberFormatting.Fixed(Real(value, conversion), precision ?? 6), flags);
            case 'e' or 'E':
                return Sign(NumberFormatting.Exponent(Real(value, conversion), precision ?? 6, conversion == 'E'), flags);
            case 'g' or 'G':
                return Sign(NumberFormatting.General(Real(value, conversion), precision ?? 6, conversion == 'G', flags.Contains('#', StringComparison.Ordinal)), flags);
            case 'c':
                return value switch
                {
                    long code => char.ConvertFromUtf32((int)code),
                    string { Length: 1 } s => s,
                    _ => throw new TemplateException("%c requires int or char"),
                };
            default:
                throw new TemplateException($"unsupported format character '{conversion}' (0x{(int)conversion:x})");
        }
    }

    private static string Truncate(string text, int? precision) =>
        precision is { } p && p < text.Length ? text[..p] : text;

    private static string IntegerText(object? value, char conversion) =>
        Integer(value, conversion).ToString(CultureInfo.InvariantCulture);

    private static long Integer(object? value, char conversion) => value switch
    {
        long l => l,
        bool b => b ? 1 : 0,
        double d when conversion is 'd' or 'i' or 'u' => (long)Math.Truncate(d),
        _ => throw new TemplateException($"%{conversion} format: {(conversion is 'd' or 'i' or 'u' ? "a real number" : "an integer")} is required, not {PyTypes.Name(value)}"),
    };

    private static double Real(object? value, char conversion) =>
        PyOps.IsNumber(value) ? PyOps.ToDouble(value!) : throw new TemplateException($"must be real number, not {PyTypes.Name(value)}");

    private static string Sign(string text, string flags)
    {
        if (text.StartsWith('-'))
        {
            return text;
        }

        return flags.Contains('+', StringComparison.Ordinal) ? "+" + text : flags.Contains(' ', StringComparison.Ordinal) ? " " + text : text;
    }

    private static string Pad(string text, string flags, int width, char conversion)
    {
        if (text.Length >= width)
        {
            return text;
        }

        if (flags.Contains('-', StringComparison.Ordinal))
        {
            return text.PadRight(width);
        }

        if (flags.Contains('0', StringComparison.Ordinal) && conversion is not ('s' or 'r' or 'a' or 'c'))
        {
            var signLength = text.Length > 0 && text[0] is '-' or '+' or ' ' ? 1 : 0;
            return text[..signLength] + new string('0', width - text.Length) + text[signLength..];
        }

        return text.PadLeft(width);
    }
}
