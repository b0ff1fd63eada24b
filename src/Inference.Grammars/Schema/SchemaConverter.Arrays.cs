using System.Globalization;
using System.Text.Json;

namespace Inference.Grammars;

internal sealed partial class SchemaConverter
{
    private string ArrayBody(SchemaNode node, string name)
    {
        var minItems = TakeCount(node, "minItems") ?? 0;
        var maxItems = TakeCount(node, "maxItems");
        var hasItems = node.TryTake("items", out var items);
        if (node.TryTake("prefixItems", out var prefixItems))
        {
            if (hasItems && items.ValueKind != JsonValueKind.False)
            {
                throw new UnsupportedSchemaException(["items"], node.Child("items"), "items next to prefixItems (only items: false is supported)");
            }
            return TupleBody(node, name, prefixItems, "prefixItems", minItems, maxItems);
        }
        if (hasItems && items.ValueKind == JsonValueKind.Array)
        {
            return TupleBody(node, name, items, "items", minItems, maxItems);
        }
        if (!hasItems && minItems == 0 && maxItems is null)
        {
            return Primitive("array");
        }
        var itemRule = hasItems ? Visit(items, ChildName(name, "item"), node.Child("items")) : Primitive("value");
        var repetition = Repetition(itemRule, minItems, maxItems, "\",\" space", node, "minItems");
        return repetition.Length == 0 ? "\"[\" space \"]\"" : $"\"[\" space {repetition} space \"]\"";
    }

    private string TupleBody(SchemaNode node, string name, JsonElement items, string keyword, int minItems, int? maxItems)
    {
        var count = items.GetArrayLength();
        if (minItems > count || maxItems < count)
        {
            throw new UnsupportedSchemaException(["minItems", "maxItems"], node.Path, $"item counts that differ from the {count} {keyword}");
        }
        var rules = items.EnumerateArray()
            .Select((item, i) => Visit(item, ChildName(name, $"tuple-{i}"), SchemaPath.Index(node.Child(keyword), i)))
            .ToList();
        return count == 0 ? "\"[\" space \"]\"" : $"\"[\" space {string.Join(" \",\" space ", rules)} space \"]\"";
    }

    /// <summary>
    /// <paramref name="item"/> between min and max times, separated. Counts above llama.cpp's repetition
    /// limit are capped for maxima (a safe subset) and refused for minima.
    /// </summary>
    private static string Repetition(string item, int min, int? max, string separator, SchemaNode node, string minKeyword)
    {
        if (min > GbnfLimits.MaxRepetitions)
        {
            throw new UnsupportedSchemaException([minKeyword], node.Path, $"minimum above {GbnfLimits.MaxRepetitions}");
        }
        if (max > GbnfLimits.MaxRepetitions)
        {
            max = GbnfLimits.MaxRepetitions;
        }
        if (max == 0)
        {
            return "";
        }
        if (separator.Length == 0)
        {
            return Counted(item, min, max);
        }
        var rest = Counted($"({separator} {item})", Math.Max(min - 1, 0), max - 1);
        var sequence = rest.Length == 0 ? item : $"{item} {rest}";
        return min == 0 ? $"({sequence})?" : sequence;
    }

    private static string Counted(string item, int min, int? max) => (min, max) switch
    {
        (_, 0) => "",
        (0, 1) => $"{item}?",
        (0, null) => $"{item}*",
        (1, null) => $"{item}+",
        _ when min == max => $"{item}{{{min}}}",
        _ => $"{item}{{{min},{max?.ToString(CultureInfo.InvariantCulture)}}}",
    };

    private static int? TakeCount(SchemaNode node, string keyword)
    {
        if (!node.TryTake(keyword, out var value))
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var count) || count < 0)
        {
            throw new InvalidSchemaException($"{keyword} must be a non-negative integer", node.Child(keyword));
        }
        return count;
    }
}
