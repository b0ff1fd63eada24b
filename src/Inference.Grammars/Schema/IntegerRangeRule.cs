using System.Globalization;

namespace Inference.Grammars;

/// <summary>GBNF for the decimal integers in an inclusive range, digit by digit.</summary>
internal static class IntegerRangeRule
{
    /// <summary>The largest magnitude written with <see cref="JsonPrimitiveRules.MaxDigits"/> digits.</summary>
    public const long MaxMagnitude = 9_999_999_999_999_999;

    public static string Build(long min, long max)
    {
        var alternatives = new List<string>();
        if (min < 0)
        {
            var closestToZero = max < 0 ? -max : 1;
            alternatives.Add($"\"-\" {Gbnf.GroupAlternatives(NonNegative(closestToZero, -min))}");
        }
        if (max >= 0)
        {
            alternatives.Add(NonNegative(Math.Max(min, 0), max));
        }
        return string.Join(" | ", alternatives);
    }

    /// <summary>Integers in [<paramref name="low"/>, <paramref name="high"/>], both non-negative, without leading zeros.</summary>
    public static string NonNegative(long low, long high)
    {
        var lowText = Text(low);
        var highText = Text(high);
        var alternatives = new List<string>();
        if (highText.Length > lowText.Length + 1 && highText.AsSpan().IndexOfAnyExcept('9') < 0)
        {
            // Up to all-nines: every longer length is "any digits", so one counted run covers them.
            alternatives.Add(SameLength(lowText, new string('9', lowText.Length)));
            alternatives.Add($"[1-9] [0-9]{{{lowText.Length},{highText.Length - 1}}}");
            return string.Join(" | ", alternatives);
        }
        for (var digits = lowText.Length; digits <= highText.Length; digits++)
        {
            var from = digits == lowText.Length ? lowText : "1" + new string('0', digits - 1);
            var to = digits == highText.Length ? highText : new string('9', digits);
            alternatives.Add(SameLength(from, to));
        }
        return string.Join(" | ", alternatives);
    }

    private static string SameLength(string from, string to)
    {
        if (from.Length == 1)
        {
            return DigitClass(from[0], to[0]);
        }
        if (from[0] == to[0])
        {
            return $"[{from[0]}] {Gbnf.GroupAlternatives(SameLength(from[1..], to[1..]))}";
        }

        var rest = from.Length - 1;
        var fromRestIsZeros = from.AsSpan(1).IndexOfAnyExcept('0') < 0;
        var toRestIsNines = to.AsSpan(1).IndexOfAnyExcept('9') < 0;
        var alternatives = new List<string>();
        if (!fromRestIsZeros)
        {
            alternatives.Add($"[{from[0]}] {Gbnf.GroupAlternatives(SameLength(from[1..], new string('9', rest)))}");
        }
        var middleFrom = fromRestIsZeros ? from[0] : (char)(from[0] + 1);
        var middleTo = toRestIsNines ? to[0] : (char)(to[0] - 1);
        if (middleFrom <= middleTo)
        {
            alternatives.Add($"{DigitClass(middleFrom, middleTo)} {AnyDigits(rest)}");
        }
        if (!toRestIsNines)
        {
            alternatives.Add($"[{to[0]}] {Gbnf.GroupAlternatives(SameLength(new string('0', rest), to[1..]))}");
        }
        return string.Join(" | ", alternatives);
    }

    private static string DigitClass(char from, char to) => from == to ? $"[{from}]" : $"[{from}-{to}]";

    private static string AnyDigits(int count) => count == 1 ? "[0-9]" : $"[0-9]{{{count}}}";

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
