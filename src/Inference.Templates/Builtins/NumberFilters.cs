using System.Globalization;
using Inference.Templates.Formatting;
using Inference.Templates.Runtime;

namespace Inference.Templates.Builtins;

/// <summary>Jinja's numeric filters: <c>int</c>, <c>float</c>, <c>abs</c>, <c>round</c>.</summary>
internal static class NumberFilters
{
    public static void Register(Dictionary<string, FilterFunction> table)
    {
        table["int"] = Int;
        table["float"] = Float;
        table["abs"] = Abs;
        table["round"] = Round;
    }

    /// <summary>Python's <c>float(text)</c>: surrounding whitespace, underscores between digits, inf and nan.</summary>
    public static bool TryParseFloat(string text, out double value)
    {
        var trimmed = text.Trim().Replace("_", string.Empty, StringComparison.Ordinal);
        var lowered = trimmed.ToLowerInvariant().TrimStart('+', '-');
        if (lowered is "inf" or "infinity" or "nan")
        {
            value = lowered == "nan" ? double.NaN : trimmed.StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        return double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && !text.Contains("__", StringComparison.Ordinal);
    }

    private static object? Int(object? value, CallArguments args, RenderContext context)
    {
        var bound = args.Bind("int", ["default", "base"]);
        var fallback = bound.Or(0, PyOps.Box(0));
        var numberBase = StringFilters.IntArgument(bound.Or(1, 10L), "int");
        switch (value)
        {
            case Undefined undefined:
                throw undefined.Error();
            case long:
                return value;
            case bool b:
                return PyOps.Box(b ? 1 : 0);
            case double d:
                return double.IsNaN(d) ? fallback : PyOps.Box(Truncate(d));
            case string s when TryParseInteger(s, numberBase, out var parsed):
                return PyOps.Box(parsed);
            case string s when TryParseFloat(s, out var number) && !double.IsNaN(number):
                return PyOps.Box(Truncate(number));
            default:
                return fallback;
        }
    }

    private static object? Float(object? value, CallArguments args, RenderContext context)
    {
        var fallback = args.Bind("float", ["default"]).Or(0, 0.0);
        return value switch
        {
            Undefined undefined => throw undefined.Error(),
            long or double or bool => PyOps.ToDouble(value),
            string s when TryParseFloat(s, out var number) => number,
            _ => fallback,
        };
    }

    private static object? Abs(object? value, CallArguments args, RenderContext context) => value switch
    {
        long l => PyOps.Box(Math.Abs(l)),
        bool b => PyOps.Box(b ? 1 : 0),
        double d => Math.Abs(d),
        Undefined undefined => throw undefined.Error(),
        _ => throw new TemplateException($"bad operand type for abs(): '{PyTypes.Name(value)}'"),
    };

    private static object? Round(object? value, CallArguments args, RenderContext context)
    {
        var bound = args.Bind("round", ["precision", "method"]);
        var precision = StringFilters.IntArgument(bound.Or(0, 0L), "round");
        var method = bound.Or(1, "common");
        if (value is Undefined undefined)
        {
            throw undefined.Error();
        }

        if (!PyOps.IsNumber(value))
        {
            throw new TemplateException($"type {PyTypes.Name(value)} doesn't define __round__ method");
        }

        var scale = Math.Pow(10, precision);
        return method switch
        {
            "common" when value is double d => NumberFormatting.Round(d, precision),
            "common" => RoundInteger(value is bool b ? (b ? 1 : 0) : (long)value!, precision),
            "ceil" => Math.Ceiling(PyOps.ToDouble(value!) * scale) / scale,
            "floor" => Math.Floor(PyOps.ToDouble(value!) * scale) / scale,
            _ => throw new TemplateException("method must be common, ceil or floor"),
        };
    }

    /// <summary>Python's <c>round(int, n)</c>: an int, rounded half-to-even at a negative digit position.</summary>
    private static object RoundInteger(long value, int precision)
    {
        if (precision >= 0)
        {
            return PyOps.Box(value);
        }

        var unit = (long)Math.Pow(10, -precision);
        var quotient = Math.DivRem(value, unit, out var remainder);
        if (Math.Abs(remainder) * 2 > unit || (Math.Abs(remainder) * 2 == unit && quotient % 2 != 0))
        {
            quotient += Math.Sign(value);
        }

        return PyOps.Box(quotient * unit);
    }

    private static long Truncate(double value) =>
        double.IsInfinity(value) || Math.Abs(value) >= 9.2e18
            ? throw new TemplateException("cannot convert float infinity to integer")
            : (long)Math.Truncate(value);

    /// <summary>Python's <c>int(text, base)</c>: sign, whitespace, underscores between digits, optional base prefix.</summary>
    private static bool TryParseInteger(string text, int numberBase, out long value)
    {
        value = 0;
        var s = text.Trim();
        var negative = s.StartsWith('-');
        if (s.StartsWith('-') || s.StartsWith('+'))
        {
            s = s[1..];
        }

        if (numberBase != 10 && s.Length > 2 && s[0] == '0' && char.ToLowerInvariant(s[1]) == (numberBase switch { 16 => 'x', 8 => 'o', 2 => 'b', _ => '\0' }))
        {
            s = s[2..].TrimStart('_');
        }

        if (s.Length == 0 || s.StartsWith('_') || s.EndsWith('_') || s.Contains("__", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in s.Replace("_", string.Empty, StringComparison.Ordinal))
        {
            var digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : 99;
            if (digit >= numberBase)
            {
                return false;
            }

            value = checked((value * numberBase) + digit);
        }

        value = negative ? -value : value;
        return true;
    }
}
