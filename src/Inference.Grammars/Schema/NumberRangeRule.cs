namespace Inference.Grammars;

/// <summary>
/// GBNF for decimal numbers (no exponent) between integer bounds, inclusive or exclusive. Works on the
/// magnitude: integer part in range with any fraction, or exactly on a bound with a zero/non-zero fraction.
/// </summary>
internal static class NumberRangeRule
{
    private const string Fraction = "\".\" [0-9]{1,16}";
    private const string ZeroFraction = "\".\" [0]{1,16}";
    private const string NonZeroFraction = "\".\" [0-9]{0,15} [1-9]";

    /// <returns>The expression, or null when the range holds no number.</returns>
    public static string? Build(long min, bool minExclusive, long max, bool maxExclusive)
    {
        var alternatives = new List<string>();
        if (min < 0)
        {
            var (low, lowExclusive) = max < 0 ? (-max, maxExclusive) : (0L, true);
            if (Magnitude(low, lowExclusive, -min, minExclusive) is { } negative)
            {
                alternatives.Add($"\"-\" {Gbnf.GroupAlternatives(negative)}");
            }
        }
        if (max >= 0)
        {
            var (low, lowExclusive) = min >= 0 ? (min, minExclusive) : (0L, false);
            if (Magnitude(low, lowExclusive, max, maxExclusive) is { } positive)
            {
                alternatives.Add(positive);
            }
        }
        return alternatives.Count == 0 ? null : string.Join(" | ", alternatives);
    }

    private static string? Magnitude(long low, bool lowExclusive, long high, bool highExclusive)
    {
        var alternatives = new List<string>();
        if (lowExclusive && low < high)
        {
            alternatives.Add($"{Integers(low, low)} {NonZeroFraction}");
        }
        var anyFractionFrom = lowExclusive ? low + 1 : low;
        if (anyFractionFrom <= high - 1)
        {
            alternatives.Add($"{Gbnf.GroupAlternatives(Integers(anyFractionFrom, high - 1))} ({Fraction})?");
        }
        if (!highExclusive && high >= anyFractionFrom)
        {
            alternatives.Add($"{Integers(high, high)} ({ZeroFraction})?");
        }
        return alternatives.Count == 0 ? null : string.Join(" | ", alternatives);
    }

    private static string Integers(long low, long high) => IntegerRangeRule.NonNegative(low, high);
}
