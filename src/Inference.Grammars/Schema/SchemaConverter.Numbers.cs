using System.Text.Json;

namespace Inference.Grammars;

internal sealed partial class SchemaConverter
{
    private const long MaxMagnitude = IntegerRangeRule.MaxMagnitude;

    /// <summary>Integers; bounds narrow the digits, and without bounds at most 16 digits are allowed.</summary>
    private string IntegerBody(SchemaNode node)
    {
        var (lower, upper) = NumericBounds.Take(node);
        if (lower is null && upper is null)
        {
            return Primitive("integer");
        }
        var min = lower is { } l ? Math.Ceiling(l.Value) + (l.Exclusive && l.Value == Math.Ceiling(l.Value) ? 1 : 0) : -MaxMagnitude;
        var max = upper is { } u ? Math.Floor(u.Value) - (u.Exclusive && u.Value == Math.Floor(u.Value) ? 1 : 0) : MaxMagnitude;
        var (low, high) = Clamp(min, max, node);
        return $"({IntegerRangeRule.Build(low, high)})";
    }

    /// <summary>
    /// Numbers; with bounds, only integer-valued bounds are supported and the exponent form is not
    /// generated. Every digit run is bounded.
    /// </summary>
    private string NumberBody(SchemaNode node)
    {
        var (lower, upper) = NumericBounds.Take(node);
        if (lower is null && upper is null)
        {
            return Primitive("number");
        }
        foreach (var (bound, keyword) in new[] { (lower, "minimum"), (upper, "maximum") })
        {
            if (bound is { } b && b.Value != Math.Floor(b.Value))
            {
                throw new UnsupportedSchemaException([keyword], node.Path, "non-integer bounds on numbers");
            }
        }
        var (low, high) = Clamp(lower?.Value ?? -MaxMagnitude, upper?.Value ?? MaxMagnitude, node);
        var body = NumberRangeRule.Build(low, lower?.Exclusive ?? false, high, upper?.Exclusive ?? false)
            ?? throw new InvalidSchemaException("the numeric range is empty", node.Path);
        return $"({body})";
    }

    private static (long Low, long High) Clamp(decimal min, decimal max, SchemaNode node)
    {
        if (min > MaxMagnitude || max < -MaxMagnitude)
        {
            throw new UnsupportedSchemaException(["minimum", "maximum"], node.Path, "bounds beyond 16 digits");
        }
        var low = (long)Math.Max(min, -MaxMagnitude);
        var high = (long)Math.Min(max, MaxMagnitude);
        return low <= high ? (low, high) : throw new InvalidSchemaException("the numeric range is empty", node.Path);
    }
}
