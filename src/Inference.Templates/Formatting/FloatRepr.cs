using System.Globalization;
using System.Text;

namespace Inference.Templates.Formatting;

/// <summary>
/// Python's <c>repr(float)</c>: the shortest digits that round-trip (which .NET's "R" also finds), laid out
/// Python's way: fixed notation for exponents -4..15 with a trailing ".0", else <c>1e+16</c> / <c>1e-05</c>.
/// </summary>
internal static class FloatRepr
{
    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }

        var (digits, pointPosition) = ShortestDigits(Math.Abs(value));
        var builder = new StringBuilder(24);
        if (value < 0)
        {
            builder.Append('-');
        }

        if (pointPosition is > -4 and <= 16)
        {
            AppendFixed(builder, digits, pointPosition);
        }
        else
        {
            builder.Append(digits[0]);
            if (digits.Length > 1)
            {
                builder.Append('.').Append(digits, 1, digits.Length - 1);
            }

            var exponent = pointPosition - 1;
            builder.Append(exponent < 0 ? "e-" : "e+").Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    /// <summary>
    /// Splits a positive finite double into significant digits and the decimal point position:
    /// value = 0.DIGITS × 10^pointPosition.
    /// </summary>
    public static (string Digits, int PointPosition) ShortestDigits(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var integerLength = dot < 0 ? text.Length : dot;
        var digits = dot < 0 ? text : string.Concat(text.AsSpan(0, dot), text.AsSpan(dot + 1));
        var pointPosition = integerLength + exponent;
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        return (digits, pointPosition - leadingZeros);
    }

    private static void AppendFixed(StringBuilder builder, string digits, int pointPosition)
    {
        if (pointPosition <= 0)
        {
            builder.Append("0.").Append('0', -pointPosition).Append(digits);
        }
        else if (pointPosition >= digits.Length)
        {
            builder.Append(digits).Append('0', pointPosition - digits.Length).Append(".0");
        }
        else
        {
            builder.Append(digits, 0, pointPosition).Append('.').Append(digits, pointPosition, digits.Length - pointPosition);
        }
    }
}
