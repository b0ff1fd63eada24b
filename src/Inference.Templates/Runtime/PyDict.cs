namespace Inference.Templates.Runtime;

/// <summary>A Python dict: keeps insertion order and compares keys with Python equality (1 == 1.0 == True).</summary>
internal sealed class PyDict : OrderedDictionary<object, object?>
{
    public PyDict()
        : base(PyKeyComparer.Instance)
    {
    }

    public PyDict(int capacity)
        : base(capacity, PyKeyComparer.Instance)
    {
    }

    /// <summary>Looks a key up, treating unhashable or null keys as absent instead of throwing.</summary>
    public bool TryGetItem(object? key, out object? value)
    {
        if (key is null || !PyKeyComparer.IsHashable(key))
        {
            value = null;
            return false;
        }

        return TryGetValue(key, out value);
    }

    public PyDict Copy()
    {
        var copy = new PyDict(Count);
        foreach (var (key, value) in this)
        {
            copy.Add(key, value);
        }

        return copy;
    }

    /// <summary>Sets a key, rejecting values Python cannot hash (lists, dicts).</summary>
    public void SetItem(object? key, object? value)
    {
        if (key is null)
        {
            throw new TemplateException("none is not supported as a dict key");
        }

        if (!PyKeyComparer.IsHashable(key))
        {
            throw new TemplateException($"unhashable type: '{PyTypes.Name(key)}'");
        }

        this[key] = value;
    }
}
