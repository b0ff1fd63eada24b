using System.Text.Json;

namespace Inference.Grammars;

/// <summary>Reads minimum/maximum and their exclusive forms (numeric, or draft-4 booleans) into the tightest bounds.</summary>
internal static class NumericBounds
{
    public readonly record struct Bound(decimal Value, bool Exclusive);

    public static (Bound? Lower, Bound? Upper) Take(SchemaNode node)
    {
        var minimum = TakeNumber(node, "minimum");
        var maximum = TakeNumber(node, "maximum");
        var exclusiveMinimum = TakeExclusive(node, "exclusiveMinimum", ref minimum);
        var exclusiveMaximum = TakeExclusive(node, "exclusiveMaximum", ref maximum);

        var lower = Tighter(minimum is { } min ? new Bound(min, false) : null, exclusiveMinimum, preferHigher: true);
        var upper = Tighter(maximum is { } max ? new Bound(max, false) : null, exclusiveMaximum, preferHigher: false);
        return (lower, upper);
    }

    private static decimal? TakeNumber(SchemaNode node, string keyword)
    {
        if (!node.TryTake(keyword, out var value))
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number)
            ? number
            : throw new InvalidSchemaException($"{keyword} must be a number", node.Child(keyword));
    }

    /// <summary>A numeric exclusive bound, or (draft 4) <c>true</c> turning the plain bound exclusive.</summary>
    private static Bound? TakeExclusive(SchemaNode node, string keyword, ref decimal? plain)
    {
        if (!node.TryTake(keyword, out var value))
        {
            return null;
        }
        switch (value.ValueKind)
        {
            case JsonValueKind.True when plain is { } p:
                plain = null;
                return new Bound(p, true);
            case JsonValueKind.False or JsonValueKind.True:
                return null;
            case JsonValueKind.Number when value.TryGetDecimal(out var number):
                return new Bound(number, true);
            default:
                throw new InvalidSchemaException($"{keyword} must be a number", node.Child(keyword));
        }
    }

    private static Bound? Tighter(Bound? a, Bound? b, bool preferHigher)
    {
        if (a is not { } x)
        {
            return b;
        }
        if (b is not { } y)
        {
            return a;
        }
        if (x.Value == y.Value)
        {
            return new Bound(x.Value, x.Exclusive || y.Exclusive);
        }
        return (x.Value > y.Value) == preferHigher ? x : y;
    }
}
