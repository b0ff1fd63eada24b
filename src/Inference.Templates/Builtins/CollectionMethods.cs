using Inference.Templates.Runtime;

namespace Inference.Templates.Builtins;

/// <summary>The non-mutating methods of Python's dict, list and tuple.</summary>
internal static class CollectionMethods
{
    public static readonly IReadOnlyDictionary<string, MethodImplementation> DictTable = new Dictionary<string, MethodImplementation>
    {
        ["items"] = (self, args, _) => View(self, args, "items", DictViewKind.Items),
        ["keys"] = (self, args, _) => View(self, args, "keys", DictViewKind.Keys),
        ["values"] = (self, args, _) => View(self, args, "values", DictViewKind.Values),
        ["get"] = (self, args, _) =>
        {
            var bound = args.Bind("get", ["key", "default"], required: 1);
            return ((PyDict)self!).TryGetItem(bound[0], out var value) ? value : bound.Or(1, null);
        },
        ["copy"] = (self, args, _) => args.IsEmpty ? ((PyDict)self!).Copy() : throw new TemplateException("dict.copy() takes no arguments"),
    };

    public static readonly IReadOnlyDictionary<string, MethodImplementation> ListTable = new Dictionary<string, MethodImplementation>
    {
        ["index"] = (self, args, _) => Index((List<object?>)self!, args, "list"),
        ["count"] = (self, args, _) => Count((List<object?>)self!, args),
        ["copy"] = (self, args, _) => args.IsEmpty ? new List<object?>((List<object?>)self!) : throw new TemplateException("list.copy() takes no arguments"),
    };

    public static readonly IReadOnlyDictionary<string, MethodImplementation> TupleTable = new Dictionary<string, MethodImplementation>
    {
        ["index"] = (self, args, _) => Index((PyTuple)self!, args, "tuple"),
        ["count"] = (self, args, _) => Count((PyTuple)self!, args),
    };

    private static PyDictView View(object? self, CallArguments args, string name, DictViewKind kind) =>
        args.IsEmpty ? new PyDictView((PyDict)self!, kind) : throw new TemplateException($"dict.{name}() takes no arguments");

    private static object Index(IReadOnlyList<object?> items, CallArguments args, string typeName)
    {
        var bound = args.Bind("index", ["value", "start", "stop"], required: 1);
        var start = bound.Or(1, 0L) is long s ? (int)(s < 0 ? Math.Max(0, s + items.Count) : s) : 0;
        var stop = bound.Or(2, (long)items.Count) is long e ? (int)Math.Min(items.Count, e < 0 ? e + items.Count : e) : items.Count;
        for (var i = start; i < stop; i++)
        {
            if (PyOps.Equal(items[i], bound[0]))
            {
                return PyOps.Box(i);
            }
        }

        throw new TemplateException($"{typeName}.index(x): x not in {typeName}");
    }

    private static object Count(IReadOnlyList<object?> items, CallArguments args)
    {
        var value = args.Bind("count", ["value"], required: 1)[0];
        return PyOps.Box(items.Count(item => PyOps.Equal(item, value)));
    }
}
