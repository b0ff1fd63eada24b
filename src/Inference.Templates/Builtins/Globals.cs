using Inference.Templates.Formatting;
using Inference.Templates.Runtime;

namespace Inference.Templates.Builtins;

/// <summary>
/// Global functions: Jinja's <c>range</c> (sandbox-limited), <c>dict</c>, <c>namespace</c>, <c>cycler</c>,
/// <c>joiner</c>, plus transformers' <c>raise_exception</c> and <c>strftime_now</c>.
/// </summary>
internal static class Globals
{
    /// <summary>The sandbox refuses ranges longer than this (Jinja's MAX_RANGE).</summary>
    private const int MaxRange = 100_000;

    private static readonly Dictionary<string, object> Table = new(StringComparer.Ordinal)
    {
        ["range"] = new BuiltinFunction("range", (args, _) => Range(args)),
        ["dict"] = new BuiltinFunction("dict", (args, _) => Dict(args)),
        ["namespace"] = new BuiltinFunction("namespace", (args, _) => new Namespace(Dict(args))),
        ["cycler"] = new BuiltinFunction("cycler", (args, _) => new Cycler(args.Positional.ToArray())),
        ["joiner"] = new BuiltinFunction("joiner", (args, _) => new Joiner(PyRepr.Str(args.Bind("joiner", ["sep"]).Or(0, ", ")))),
        ["raise_exception"] = new BuiltinFunction("raise_exception", (args, _) =>
            throw new TemplateException(PyRepr.Str(args.Bind("raise_exception", ["message"], required: 1)[0]), TemplateErrorKind.RaisedByTemplate)),
        ["strftime_now"] = new BuiltinFunction("strftime_now", (args, context) =>
            Strftime.Format(context.Clock.GetLocalNow(), StringMethods.RequireString(args.Bind("strftime_now", ["format"], required: 1)[0], "strftime_now"))),
    };

    public static bool TryGet(string name, out object? value)
    {
        var found = Table.TryGetValue(name, out var global);
        value = global;
        return found;
    }

    private static PyRange Range(CallArguments args)
    {
        if (args.Named.Count > 0 || args.PositionalCount is 0 or > 3)
        {
            throw new TemplateException($"range expected 1 to 3 positional arguments, got {args.PositionalCount}");
        }

        var values = new long[args.PositionalCount];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = args.Positional[i] switch
            {
                long l => l,
                bool b => b ? 1 : 0,
                var other => throw new TemplateException($"'{PyTypes.Name(other)}' object cannot be interpreted as an integer"),
            };
        }

        var range = values.Length switch
        {
            1 => new PyRange(0, values[0], 1),
            2 => new PyRange(values[0], values[1], 1),
            _ => values[2] == 0 ? throw new TemplateException("range() arg 3 must not be zero") : new PyRange(values[0], values[1], values[2]),
        };
        return range.Count > MaxRange
            ? throw new TemplateException($"Range too big. The sandbox blocks ranges larger than MAX_RANGE ({MaxRange}).")
            : range;
    }

    /// <summary>Python's <c>dict(mapping_or_pairs, **kwargs)</c>.</summary>
    private static PyDict Dict(CallArguments args)
    {
        if (args.PositionalCount > 1)
        {
            throw new TemplateException($"dict expected at most 1 argument, got {args.PositionalCount}");
        }

        var dict = new PyDict();
        if (args.PositionalCount == 1)
        {
            if (args.Positional[0] is PyDict source)
            {
                foreach (var (key, value) in source)
                {
                    dict[key] = value;
                }
            }
            else
            {
                foreach (var pair in PyOps.Iterate(args.Positional[0]))
                {
                    var items = PyOps.ToList(pair);
                    if (items.Count != 2)
                    {
                        throw new TemplateException($"dictionary update sequence element has length {items.Count}; 2 is required");
                    }

                    dict.SetItem(items[0], items[1]);
                }
            }
        }

        foreach (var (key, value) in args.Named)
        {
            dict[key] = value;
        }

        return dict;
    }

    /// <summary>Jinja's <c>cycler(*items)</c>: <c>next()</c> steps through the items, <c>current</c> peeks.</summary>
    private sealed class Cycler(object?[] items) : IPyObject
    {
        private int _position;

        public string TypeName => "Cycler";

        public string Repr() => "<Cycler>";

        public bool TryGetAttribute(string name, out object? value)
        {
            value = name switch
            {
                "current" => items.Length > 0 ? items[_position] : Undefined.WithHint("empty cycler"),
                "next" => new BoundMethod(this, "next", (_, _, _) => Next()),
                "reset" => new BoundMethod(this, "reset", (_, _, _) => Reset()),
                "items" => new List<object?>(items),
                _ => Missing.Value,
            };
            return value is not Missing;
        }

        private object? Reset()
        {
            _position = 0;
            return null;
        }

        private object? Next()
        {
            if (items.Length == 0)
            {
                throw new TemplateException("cycler has no items");
            }

            var current = items[_position];
            _position = (_position + 1) % items.Length;
            return current;
        }
    }

    /// <summary>Jinja's <c>joiner(sep)</c>: returns "" on the first call and the separator afterwards.</summary>
    private sealed class Joiner(string separator) : ICallable, IPyObject
    {
        private bool _used;

        public string TypeName => "Joiner";

        public object? Call(CallArguments arguments, RenderContext context)
        {
            var result = _used ? separator : string.Empty;
            _used = true;
            return result;
        }

        public string Repr() => "<Joiner>";

        public bool TryGetAttribute(string name, out object? value)
        {
            value = null;
            return false;
        }
    }
}
