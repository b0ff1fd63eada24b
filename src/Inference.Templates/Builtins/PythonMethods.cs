using System.Collections.Frozen;
using Inference.Templates.Runtime;

namespace Inference.Templates.Builtins;

/// <summary>
/// Resolves <c>obj.name</c> to a Python method of a str, dict, list or tuple. Methods that mutate their
/// object exist (so <c>x.append is defined</c> behaves as in Python) but resolve to the immutable
/// sandbox's "unsafe" undefined, which raises SecurityError when called.
/// </summary>
internal static class PythonMethods
{
    private static readonly FrozenDictionary<string, MethodImplementation?> StringAttributes = Attributes(StringMethods.Table, []);

    private static readonly FrozenDictionary<string, MethodImplementation?> DictAttributes =
        Attributes(CollectionMethods.DictTable, ["pop", "popitem", "setdefault", "update", "clear"]);

    private static readonly FrozenDictionary<string, MethodImplementation?> ListAttributes =
        Attributes(CollectionMethods.ListTable, ["append", "extend", "insert", "pop", "remove", "reverse", "sort", "clear"]);

    private static readonly FrozenDictionary<string, MethodImplementation?> TupleAttributes = Attributes(CollectionMethods.TupleTable, []);

    public static bool TryBind(object? target, string name, out object? value)
    {
        if (target is PyTuple { FieldNames: { } fields } named && Array.IndexOf(fields, name) is var field and >= 0)
        {
            value = named[field];
            return true;
        }

        var attributes = target switch
        {
            string or Markup => StringAttributes,
            PyDict => DictAttributes,
            List<object?> => ListAttributes,
            PyTuple => TupleAttributes,
            _ => null,
        };

        if (attributes is null || !attributes.TryGetValue(name, out var implementation))
        {
            value = null;
            return false;
        }

        value = implementation is null
            ? Undefined.UnsafeAttribute(target, name)
            : new BoundMethod(PyOps.UnwrapMarkup(target), name, implementation);
        return true;
    }

    /// <summary>Safe methods map to their implementation, mutating ones to null.</summary>
    private static FrozenDictionary<string, MethodImplementation?> Attributes(
        IReadOnlyDictionary<string, MethodImplementation> methods, string[] mutating) =>
        methods.Select(pair => KeyValuePair.Create(pair.Key, (MethodImplementation?)pair.Value))
            .Concat(mutating.Select(name => KeyValuePair.Create(name, (MethodImplementation?)null)))
            .ToFrozenDictionary(StringComparer.Ordinal);
}
