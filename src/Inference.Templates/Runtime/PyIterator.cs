namespace Inference.Templates.Runtime;

/// <summary>
/// A lazy, single-pass Python iterator (the generators returned by <c>map</c>, <c>select</c>, <c>reverse</c>...).
/// Iterating it a second time yields nothing, exactly like a Python generator, and json.dumps rejects it.
/// </summary>
internal sealed class PyIterator : IPyObject
{
    private readonly IEnumerator<object?> _source;

    public PyIterator(string typeName, IEnumerable<object?> source)
    {
        TypeName = typeName;
        _source = source.GetEnumerator();
    }

    public string TypeName { get; }

    public IEnumerable<object?> Drain()
    {
        while (_source.MoveNext())
        {
            yield return _source.Current;
        }
    }

    public string Repr() => $"<{TypeName} object>";

    public bool TryGetAttribute(string name, out object? value)
    {
        value = null;
        return false;
    }
}
