using Inference.Templates.Builtins;

namespace Inference.Templates.Runtime;

/// <summary>
/// Jinja's sandboxed lookups. <c>x.y</c> tries the Python attribute first, then the item; <c>x['y']</c> the item
/// first, then the attribute. Anything missing becomes an <see cref="Undefined"/> that fails only when used.
/// Mutating methods (<c>list.append</c>, <c>dict.update</c>...) resolve to an undefined that raises the
/// immutable sandbox's SecurityError message when called.
/// </summary>
internal static partial class PyOps
{
    public static object? GetAttribute(object? target, string name)
    {
        if (target is Undefined undefined)
        {
            throw undefined.Error();
        }

        if (TryGetPythonAttribute(target, name, out var value))
        {
            return value;
        }

        if (target is PyDict dict && dict.TryGetValue(name, out value))
        {
            return value;
        }

        return Undefined.ForMember(target, name);
    }

    public static object? GetItem(object? target, object? key)
    {
        switch (target)
        {
            case Undefined undefined:
                throw undefined.Error();
            case PyDict dict when dict.TryGetItem(key, out var item):
                return item;
            case PyDict:
                break;
            default:
                if (TryGetElement(UnwrapMarkup(target), key, out var element))
                {
                    return element;
                }

                break;
        }

        if (key is string name && TryGetPythonAttribute(target, name, out var attribute))
        {
            return attribute;
        }

        return Undefined.ForMember(target, key);
    }

    /// <summary>Calls <paramref name="callee"/> like Python would, raising TypeError for non-callables.</summary>
    public static object? Call(object? callee, CallArguments arguments, RenderContext context) => callee switch
    {
        ICallable callable => callable.Call(arguments, context),
        Undefined undefined => throw undefined.Error(),
        _ => throw new TemplateException($"'{PyTypes.Name(callee)}' object is not callable"),
    };

    internal static bool TryGetPythonAttribute(object? target, string name, out object? value)
    {
        if (name.StartsWith("__", StringComparison.Ordinal) && name.EndsWith("__", StringComparison.Ordinal))
        {
            // Every Python object has dunder attributes; the sandbox refuses them all.
            value = Undefined.UnsafeAttribute(target, name);
            return true;
        }

        if (target is IPyObject obj)
        {
            return obj.TryGetAttribute(name, out value);
        }

        return PythonMethods.TryBind(target, name, out value);
    }
}
