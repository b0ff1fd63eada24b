using System.Text;
using Inference.Templates.Formatting;

namespace Inference.Templates.Runtime;

/// <summary>The live views returned by <c>dict.items()</c>, <c>keys()</c> and <c>values()</c>.</summary>
internal sealed class PyDictView : IPyObject
{
    private readonly PyDict _dict;

    public PyDictView(PyDict dict, DictViewKind kind)
    {
        _dict = dict;
        Kind = kind;
    }

    public DictViewKind Kind { get; }

    public int Count => _dict.Count;

    public string TypeName => Kind switch
    {
        DictViewKind.Items => "dict_items",
        DictViewKind.Keys => "dict_keys",
        _ => "dict_values",
    };

    public IEnumerable<object?> Items()
    {
        foreach (var (key, value) in _dict)
        {
            yield return Kind switch
            {
                DictViewKind.Items => new PyTuple([key, value]),
                DictViewKind.Keys => key,
                _ => value,
            };
        }
    }

    public bool Contains(object? item) => Kind switch
    {
        DictViewKind.Keys => _dict.TryGetItem(item, out _),
        _ => Items().Any(candidate => PyOps.Equal(candidate, item)),
    };

    public string Repr()
    {
        var builder = new StringBuilder(TypeName).Append("([");
        var first = true;
        foreach (var item in Items())
        {
            if (!first)
            {
                builder.Append(", ");
            }

            first = false;
            PyRepr.AppendRepr(builder, item);
        }

        return builder.Append("])").ToString();
    }

    public bool TryGetAttribute(string name, out object? value)
    {
        value = null;
        return false;
    }
}

internal enum DictViewKind
{
    Items,
    Keys,
    Values,
}
