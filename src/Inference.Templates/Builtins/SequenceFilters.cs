using System.Text;
using Inference.Templates.Formatting;
using Inference.Templates.Runtime;

namespace Inference.Templates.Builtins;

/// <summary>Jinja's filters over sequences and mappings: length, join, sort, dictsort, first, batch...</summary>
internal static class SequenceFilters
{
    private static readonly Comparer<object?> PythonOrder = Comparer<object?>.Create((a, b) => PyOps.Compare(a, b));

    public static void Register(Dictionary<string, FilterFunction> table)
    {
        table["length"] = table["count"] = (value, args, _) => StringFilters.NoArguments(args, "length", PyOps.Box(PyOps.Length(value)));
        table["list"] = (value, args, _) => StringFilters.NoArguments(args, "list", PyOps.ToList(value));
        table["first"] = First;
        table["last"] = Last;
        table["join"] = Join;
        table["items"] = Items;
        table["reverse"] = Reverse;
        table["sort"] = Sort;
        table["dictsort"] = DictSort;
        table["unique"] = Unique;
        table["min"] = (value, args, _) => MinOrMax(value, args, "min", max: false);
        table["max"] = (value, args, _) => MinOrMax(value, args, "max", max: true);
        table["sum"] = Sum;
        table["batch"] = Batch;
        table["slice"] = Slice;
        table["groupby"] = GroupBy;
        table["attr"] = Attr;
    }

    private static object? First(object? value, CallArguments args, RenderContext context)
    {
        foreach (var item in PyOps.Iterate(value))
        {
            return item;
        }

        return Undefined.WithHint("No first item, sequence was empty.");
    }

    private static object? Last(object? value, CallArguments args, RenderContext context)
    {
        if (value is PyIterator iterator)
        {
            throw new TemplateException($"'{iterator.TypeName}' object is not reversible");
        }

        var items = PyOps.AsReadOnlyList(value);
        return items.Count > 0 ? items[^1] : Undefined.WithHint("No last item, sequence was empty.");
    }

    private static object? Join(object? value, CallArguments args, RenderContext context)
    {
        var bound = args.Bind("join", ["d", "attribute"]);
        var separator = PyRepr.Str(bound.Or(0, string.Empty));
        var getter = bound.Or(1, null) is { } attribute ? AttributeGetter.Create(attribute) : null;
        var builder = new StringBuilder();
        var first = true;
        foreach (var item in PyOps.Iterate(value))
        {
            if (!first)
            {
                builder.Append(separator);
            }

            first = false;
            PyRepr.AppendStr(builder, getter is null ? item : getter(item));
        }

        return builder.ToString();
    }

    /// <summary>A generator in Jinja, so a non-mapping only fails once the result is iterated.</summary>
    private static object? Items(object? value, CallArguments args, RenderContext context) =>
        new PyIterator("generator", ItemPairs(value));

    private static IEnumerable<object?> ItemPairs(object? value)
    {
        if (value is Undefined)
        {
            yield break;
        }

        var dict = value as PyDict ?? throw new TemplateException("Can only get item pairs from a mapping.");
        foreach (var pair in new PyDictView(dict, DictViewKind.Items).Items())
        {
            yield return pair;
        }
    }

    private static object? Reverse(object? value, CallArguments args, RenderContext context) => value switch
    {
        string s => PyString.Slice(s, new PySlice(null, null, PyOps.Box(-1))),
        List<object?> list => new PyIterator("list_reverseiterator", Enumerable.Reverse(list)),
        PyTuple or PyDict or PyDictView or PyRange => new PyIterator("reversed", PyOps.ToList(value).AsEnumerable().Reverse()),
        _ => ReverseIntoList(value),
    };

    private static List<object?> ReverseIntoList(object? value)
    {
        var list = PyOps.ToList(value);
        list.Reverse();
        return list;
    }

    private static object? Sort(object? value, CallArguments args, RenderContext context)
    {
        var bound = args.Bind("sort", ["reverse", "case_sensitive", "attribute"]);
        var key = AttributeGetter.CreateMulti(bound.Or(2, null), ignoreCase: !PyOps.IsTruthy(bound.Or(1, false)));
        return Sorted(PyOps.Iterate(value), key, PyOps.IsTruthy(bound.Or(0, false)));
    }

    private static object? DictSort(object? value, CallArguments args, RenderContext context)
    {
        var bound = args.Bind("dictsort", ["case_sensitive", "by", "reverse"]);
        var position = bound.Or(1, "key") switch
        {
            "key" => 0,
            "value" => 1,
            _ => throw new TemplateException("You can only sort by either \"key\" or \"value\""),
        };
        var caseSensitive = PyOps.IsTruthy(bound.Or(0, false));
        var dict = value as PyDict ?? throw new TemplateException($"'{PyTypes.Name(value)}' object has no attribute 'items'");
        var pairs = new PyDictView(dict, DictViewKind.Items).Items();
        return Sorted(pairs, pair =>
        {
            var sortValue = ((PyTuple)pair!)[position];
            return caseSensitive ? sortValue : AttributeGetter.IgnoreCase(sortValue);
        }, PyOps.IsTruthy(bound.Or(2, false)));
    }

    /// <summary>Python's stable <c>sorted(items, key=key, reverse=reverse)</c>.</summary>
    private static List<object?> Sorted(IEnumerable<object?> items, Func<object?, object?> key, bool reverse)
    {
        var keyed = items.Select(item => (Key: key(item), Item: item)).ToList();
        var ordered = reverse ? keyed.OrderByDescending(pair => pair.Key, PythonOrder) : keyed.OrderBy(pair => pair.Key, PythonOrder);
        try
        {
            return ordered.Select(pair => pair.Item).ToList();
        }
        catch (InvalidOperationException sortFailure) when (sortFailure.InnerException is TemplateException comparisonError)
        {
            // The sort wraps the TypeError our comparer raised for unorderable values.
            throw comparisonError;
        }
    }

    private static object? Unique(object? value, CallArguments args, RenderContext context)
    {
        var bound = args.Bind("unique", ["case_sensitive", "attribute"]);
        var key = AttributeGetter.Create(bound.Or(1, null), ignoreCase: !PyOps.IsTruthy(bound.Or(0, false)));
        return new PyIterator("generator", UniqueItems(PyOps.Iterate(value), key));
    }

    private static IEnumerable<object?> UniqueItems(IEnumerable<object?> items, Func<object?, object?> key)
    {
        var seen = new HashSet<object?>(PyKeyComparer.Instance);
        foreach (var item in items)
        {
            var itemKey = key(item);
            if (itemKey is not null && !PyKeyComparer.IsHashable(itemKey))
            {
                throw new TemplateException($"unhashable type: '{PyTypes.Name(itemKey)}'");
            }

            if (seen.Add(itemKey))
            {
                yield return item;
            }
        }
    }

    private static object? MinOrMax(object? value, CallArguments args, string name, bool max)
    {
        var bound = args.Bind(name, ["case_sensitive", "attribute"]);
        var items = PyOps.ToList(value);
        if (items.Count == 0)
        {
            return Undefined.WithHint("No aggregated item, sequence was empty.");
        }

        var key = AttributeGetter.Create(bound.Or(1, null), ignoreCase: !PyOps.IsTruthy(bound.Or(0, false)));
        var best = items[0];
        var bestKey = key(best);
        foreach (var item in items.Skip(1))
        {
            var itemKey = key(item);
            if (max ? PyOps.Compare(itemKey, bestKey, ">") > 0 : PyOps.Compare(itemKey, bestKey, "<") < 0)
            {
                (best, bestKey) = (item, itemKey);
            }
        }

        return best;
    }

    private static object? Sum(object? value, CallArguments args, RenderContext context)
    {
        var bound = args.Bind("sum", ["attribute", "start"]);
        var getter = bound.Or(0, null) is { } attribute ? AttributeGetter.Create(attribute) : null;
        var total = bound.Or(1, PyOps.Box(0));
        foreach (var item in PyOps.Iterate(value))
        {
            total = PyOps.Add(total, getter is null ? item : getter(item));
        }

        return total;
    }

    private static object? Batch(object? value, CallArguments args, RenderContext context)
    {
        var bound = args.Bind("batch", ["linecount", "fill_with"], required: 1);
        var size = StringFilters.IntArgument(bound[0], "batch");
        return new PyIterator("generator", Batches(PyOps.Iterate(value), size, bound.Or(1, null)));
    }

    private static IEnumerable<object?> Batches(IEnumerable<object?> items, int size, object? fill)
    {
        var batch = new List<object?>();
        foreach (var item in items)
        {
            if (batch.Count == size)
            {
                yield return batch;
                batch = [];
            }

            batch.Add(item);
        }

        if (batch.Count > 0)
        {
            while (fill is not null && batch.Count < size)
            {
                batch.Add(fill);
            }

            yield return batch;
        }
    }

    private static object? Slice(object? value, CallArguments args, RenderContext context)
    {
        var bound = args.Bind("slice", ["slices", "fill_with"], required: 1);
        var slices = StringFilters.IntArgument(bound[0], "slice");
        return new PyIterator("generator", Slices(PyOps.ToList(value), slices, bound.Or(1, null)));
    }

    private static IEnumerable<object?> Slices(List<object?> items, int slices, object? fill)
    {
        var perSlice = items.Count / slices;
        var withExtra = items.Count % slices;
        var offset = 0;
        for (var number = 0; number < slices; number++)
        {
            var start = offset + (number * perSlice);
            if (number < withExtra)
            {
                offset++;
            }

            var end = offset + ((number + 1) * perSlice);
            var slice = items.GetRange(start, end - start);
            if (fill is not null && number >= withExtra)
            {
                slice.Add(fill);
            }

            yield return slice;
        }
    }

    private static object? GroupBy(object? value, CallArguments args, RenderContext context)
    {
        var bound = args.Bind("groupby", ["attribute", "default", "case_sensitive"], required: 1);
        var caseSensitive = PyOps.IsTruthy(bound.Or(2, false));
        var key = AttributeGetter.Create(bound[0], ignoreCase: !caseSensitive, fallback: bound.Or(1, null));
        var display = AttributeGetter.Create(bound[0], fallback: bound.Or(1, null));
        var groups = new List<object?>();
        List<object?>? current = null;
        object? currentKey = null;
        foreach (var item in Sorted(PyOps.Iterate(value), key, reverse: false))
        {
            var itemKey = key(item);
            if (current is null || !PyOps.Equal(itemKey, currentKey))
            {
                current = [];
                currentKey = itemKey;
                groups.Add(new PyTuple([display(item), current], ["grouper", "list"]));
            }

            current.Add(item);
        }

        return groups;
    }

    private static object? Attr(object? value, CallArguments args, RenderContext context)
    {
        var name = StringMethods.RequireString(args.Bind("attr", ["name"], required: 1)[0], "attr");
        return PyOps.TryGetPythonAttribute(value, name, out var attribute) ? attribute : Undefined.ForMember(value, name);
    }
}
