using Inference.Templates.Formatting;

namespace Inference.Templates.Runtime;

/// <summary>Jinja's <c>namespace()</c>: the one object whose attributes <c>{% set ns.x = ... %}</c> may change.</summary>
internal sealed class Namespace : IPyObject
{
    private readonly PyDict _attributes;

    public Namespace(PyDict attributes)
    {
        _attributes = attributes;
    }

    public string TypeName => "Namespace";

    public void SetAttribute(string name, object? value) => _attributes[name] = value;

    public bool TryGetAttribute(string name, out object? value) => _attributes.TryGetValue(name, out value);

    public string Repr() => $"<Namespace {PyRepr.Repr(_attributes)}>";
}
