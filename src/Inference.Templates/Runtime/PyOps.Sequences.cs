namespace Inference.Templates.Runtime;

/// <summary>Python iteration, <c>len()</c> and <c>in</c> over engine values.</summary>
internal static partial class PyOps
{
    /// <summary>Python <c>iter(value)</c>: dicts yield keys, strings yield characters, undefined yields nothing.</summary>
    public static IEnumerable<object?> Iterate(object? value) => UnwrapMarkup(value) switch
    {
        List<object?> list => list,
        PyTuple tuple => tuple,
        PyDict dict => dict.Keys,
        string s => PyString.Iterate(s),
        Undefined => [],
        PyIterator iterator => iterator.Drain(),
        PyDictView view => view.Items(),
        PyRange range => range.Items(),
        var other => throw new TemplateException($"'{PyTypes.Name(other)}' object is not iterable"),
    };

    /// <summary>Python <c>list(value)</c>; always a new list.</summary>
    public static List<object?> ToList(object? value) => new(Iterate(value));

    /// <summary>Iterates into a list, reusing <paramref name="value"/> itself when it already is one.</summary>
    public static IReadOnlyList<object?> AsReadOnlyList(object? value) => value switch
    {
        List<object?> list => list,
        PyTuple tuple => tuple,
        _ => ToList(value),
    };

    public static bool IsIterable(object? value) =>
        value is Markup or List<object?> or PyTuple or PyDict or string or Undefined or PyIterator or PyDictView or PyRange;

    /// <summary>Python <c>len(value)</c>.</summary>
    public static int Length(object? value) => UnwrapMarkup(value) switch
    {
        string s => PyString.Length(s),
        List<object?> list => list.Count,
        PyTuple tuple => tuple.Count,
        PyDict dict => dict.Count,
        Undefined => 0,
        PyDictView view => view.Count,
        PyRange range => range.Count,
        var other => throw new TemplateException($"object of type '{PyTypes.Name(other)}' has no len()"),
    };

    /// <summary>Python <c>item in container</c>.</summary>
    public static bool Contains(object? container, object? item)
    {
        item = UnwrapMarkup(item);
        switch (UnwrapMarkup(container))
        {
            case string s:
                return item is string sub
                    ? s.Contains(sub, StringComparison.Ordinal)
                    : throw new TemplateException($"'in <string>' requires string as left operand, not {PyTypes.Name(item)}");
            case PyDict dict:
                if (item is not null && !PyKeyComparer.IsHashable(item))
                {
                    throw new TemplateException($"unhashable type: '{PyTypes.Name(item)}'");
                }

                return dict.TryGetItem(item, out _);
            case PyDictView view:
                return view.Contains(item);
            case Undefined:
                return false;
            default:
                if (!IsIterable(container))
                {
                    throw new TemplateException($"argument of type '{PyTypes.Name(container)}' is not iterable");
                }

                foreach (var candidate in Iterate(container))
                {
                    if (Equal(candidate, item))
                    {
                        return true;
                    }
                }

                return false;
        }
    }

    /// <summary>Python <c>seq[index]</c> for lists, tuples, strings and ranges; false when there is no such element.</summary>
    private static bool TryGetElement(object? sequence, object? key, out object? value)
    {
        value = null;
        if (key is not (long or bool))
        {
            return false;
        }

        var index = key is bool b ? (b ? 1 : 0) : (long)key;
        if (sequence is string str)
        {
            value = PyString.CharAt(str, index);
            return value is not null;
        }

        switch (sequence)
        {
            case IReadOnlyList<object?> items:
                index = index < 0 ? index + items.Count : index;
                if (index >= 0 && index < items.Count)
                {
                    value = items[(int)index];
                    return true;
                }

                return false;
            case PyRange range:
                index = index < 0 ? index + range.Count : index;
                if (index >= 0 && index < range.Count)
                {
                    value = Box(range[(int)index]);
                    return true;
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>
    /// <c>target[start:stop:step]</c>. Jinja compiles slices to a plain Python subscript (not the sandbox's
    /// forgiving getitem), so slicing something unsliceable raises instead of giving undefined.
    /// </summary>
    public static object? GetSlice(object? target, PySlice slice) => target switch
    {
        Undefined undefined => throw undefined.Error(),
        string s => PyString.Slice(s, slice),
        Markup markup => new Markup(PyString.Slice(markup.Text, slice)),
        List<object?> list => new List<object?>(SliceList(list, slice)),
        PyTuple tuple => new PyTuple(SliceList(tuple, slice)),
        PyRange range => SliceRange(range, slice),
        PyDict => throw new TemplateException("unhashable type: 'slice'"),
        _ => throw new TemplateException($"'{PyTypes.Name(target)}' object is not subscriptable"),
    };

    private static PyRange SliceRange(PyRange range, PySlice slice)
    {
        var (start, stop, step) = slice.Resolve(range.Count);
        var first = range.Start + (start * range.Step);
        var stride = step * range.Step;
        return new PyRange(first, first + (PySlice.Count(start, stop, step) * stride), stride);
    }

    private static object?[] SliceList(IReadOnlyList<object?> items, PySlice slice)
    {
        var (start, stop, step) = slice.Resolve(items.Count);
        var result = new object?[PySlice.Count(start, stop, step)];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = items[start + (i * step)];
        }

        return result;
    }
}
