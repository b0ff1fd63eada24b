using System.Globalization;
using System.Numerics;
using System.Text;

namespace Inference.Templates.Formatting;

/// <summary>
/// The float layouts shared by <c>%</c>-formatting and <c>str.format</c> (<c>f</c>, <c>e</c>, <c>g</c>), and Python's
/// correctly rounded <c>round(x, n)</c>. .NET formats doubles exactly, so "F"/"E" give Python's digits.
/// </summary>
internal static class NumberFormatting
{
    public static string Fixed(double value, int precision) =>
        NonFinite(value) ?? value.ToString("F" + precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Exponent(double value, int precision, bool upper = false)
    {
        if (NonFinite(value) is { } special)
        {
            return upper ? special.ToUpperInvariant() : special;
        }

        var text = value.ToString((upper ? "E" : "e") + precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return TrimExponentDigits(text);
    }

    /// <summary>Python's <c>%g</c>: significant-digit precision, trailing zeros dropped unless <paramref name="alternate"/>.</summary>
    public static string General(double value, int precision, bool upper = false, bool alternate = false)
    {
        if (NonFinite(value) is { } special)
        {
            return upper ? special.ToUpperInvariant() : special;
        }

        precision = precision == 0 ? 1 : precision;
        if (value == 0)
        {
            var zero = alternate ? "0." + new string('0', precision - 1) : "0";
            return double.IsNegative(value) ? "-" + zero : zero;
        }

        var scientific = Exponent(value, precision - 1, upper);
        var exponent = int.Parse(scientific.AsSpan(scientific.IndexOfAny(['e', 'E']) + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var text = exponent >= -4 && exponent < precision ? Fixed(value, precision - 1 - exponent) : scientific;
        return alternate ? text : StripTrailingZeros(text);
    }

    /// <summary>Python's <c>round(value, digits)</c>: rounds the exact binary value half-to-even at a decimal digit.</summary>
    public static double Round(double value, int digits)
    {
        if (double.IsNaN(value) || double.IsInfinity(value) || value == 0)
        {
            return value;
        }

        var bits = BitConverter.DoubleToInt64Bits(value);
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        mantissa = exponent == 0 ? mantissa << 1 : mantissa | (1L << 52);
        exponent -= 1075;

        // value = mantissa * 2^exponent; scaled = value * 10^digits as an exact fraction numerator/denominator.
        var numerator = new BigInteger(mantissa);
        var denominator = BigInteger.One;
        if (exponent > 0)
        {
            numerator <<= exponent;
        }
        else
        {
            denominator <<= -exponent;
        }

        if (digits >= 0)
        {
            numerator *= BigInteger.Pow(10, digits);
        }
        else
        {
            denominator *= BigInteger.Pow(10, -digits);
        }

        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        var twice = remainder * 2;
        if (twice > denominator || (twice == denominator && !quotient.IsEven))
        {
            quotient += 1;
        }

        var text = quotient.ToString(CultureInfo.InvariantCulture) + "e" + (-digits).ToString(CultureInfo.InvariantCulture);
        var magnitude = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return value < 0 ? -magnitude : magnitude;
    }

    private static string? NonFinite(double value) =>
        double.IsNaN(value) ? "nan" : double.IsPositiveInfinity(value) ? "inf" : double.IsNegativeInfinity(value) ? "-inf" : null;

    /// <summary>.NET writes three exponent digits (e+005); Python writes at least two (e+05).</summary>
    private static string TrimExponentDigits(string text)
    {
        var e = text.IndexOfAny(['e', 'E']);
        var digits = text[(e + 2)..].TrimStart('0');
        return new StringBuilder(text, 0, e + 2, text.Length).Append(digits.PadLeft(2, '0')).ToString();
    }

    private static string StripTrailingZeros(string text)
    {
        var e = text.IndexOfAny(['e', 'E']);
        var mantissa = e < 0 ? text : text[..e];
        if (mantissa.Contains('.', StringComparison.Ordinal))
        {
            mantissa = mantissa.TrimEnd('0').TrimEnd('.');
        }

        return e < 0 ? mantissa : mantissa + text[e..];
    }
}
