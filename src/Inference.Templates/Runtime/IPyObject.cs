namespace Inference.Templates.Runtime;

/// <summary>
/// An engine object that is neither a JSON-like value nor a plain collection (namespace, loop, macro,
/// iterator...). It names its Python type, prints itself and may expose attributes.
/// </summary>
internal interface IPyObject
{
    string TypeName { get; }

    /// <summary>Python's <c>repr()</c>, also used for <c>str()</c>.</summary>
    string Repr();

    /// <summary>Looks up <c>obj.name</c>; false when the object has no such attribute.</summary>
    bool TryGetAttribute(string name, out object? value);
}
