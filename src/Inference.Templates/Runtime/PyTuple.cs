using System.Collections;

namespace Inference.Templates.Runtime;

/// <summary>A Python tuple: an immutable sequence that prints as <c>(a, b)</c> and is not equal to a list.</summary>
internal sealed class PyTuple : IReadOnlyList<object?>
{
    public static readonly PyTuple Empty = new([]);

    private readonly object?[] _items;

    public PyTuple(object?[] items, string[]? fieldNames = null)
    {
        _items = items;
        FieldNames = fieldNames;
    }

    /// <summary>Attribute names of a named tuple (such as <c>groupby</c>'s grouper/list), else null.</summary>
    public string[]? FieldNames { get; }

    public int Count => _items.Length;

    public object? this[int index] => _items[index];

    public IEnumerator<object?> GetEnumerator() => ((IEnumerable<object?>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
