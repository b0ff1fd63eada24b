using Inference.Templates.Runtime;

namespace Inference.Templates.Builtins;

/// <summary>A Jinja test: <c>value is name(arguments)</c>.</summary>
internal delegate bool TestFunction(object? value, CallArguments arguments, RenderContext context);

/// <summary>Jinja's builtin tests (<c>defined</c>, <c>string</c>, <c>mapping</c>, <c>divisibleby</c>...).</summary>
internal static class JinjaTests
{
    private static readonly Dictionary<string, TestFunction> Table = Build();

    public static bool TryGet(string name, out TestFunction test) => Table.TryGetValue(name, out test!);

    public static bool Apply(string name, object? value, CallArguments arguments, RenderContext context) =>
        TryGet(name, out var test) ? test(value, arguments, context) : throw new TemplateException($"No test named '{name}'.");

    private static Dictionary<string, TestFunction> Build()
    {
        var table = new Dictionary<string, TestFunction>(StringComparer.Ordinal)
        {
            ["defined"] = (value, _, _) => value is not Undefined,
            ["undefined"] = (value, _, _) => value is Undefined,
            ["none"] = (value, _, _) => value is null,
            ["boolean"] = (value, _, _) => value is bool,
            ["true"] = (value, _, _) => value is true,
            ["false"] = (value, _, _) => value is false,
            ["integer"] = (value, _, _) => value is long,
            ["float"] = (value, _, _) => value is double,
            ["number"] = (value, _, _) => PyOps.IsNumber(value),
            ["string"] = (value, _, _) => value is string or Markup,
            ["mapping"] = (value, _, _) => value is PyDict,
            ["iterable"] = (value, _, _) => PyOps.IsIterable(value),
            ["sequence"] = (value, _, _) => value is string or Markup or List<object?> or PyTuple or PyDict or PyRange or Undefined,
            ["callable"] = (value, _, _) => value is ICallable or Undefined, // Undefined defines __call__ (to fail).
            ["escaped"] = (_, _, _) => false,
            ["lower"] = (value, _, _) => PyString.IsCasedAll(Formatting.PyRepr.Str(value), upper: false),
            ["upper"] = (value, _, _) => PyString.IsCasedAll(Formatting.PyRepr.Str(value), upper: true),
            ["odd"] = (value, _, _) => ModuloEquals(value, PyOps.Box(2), 1),
            ["even"] = (value, _, _) => ModuloEquals(value, PyOps.Box(2), 0),
            ["divisibleby"] = (value, args, _) => ModuloEquals(value, args.Bind("divisibleby", ["num"], required: 1)[0], 0),
            ["sameas"] = (value, args, _) => IsSame(value, args.Bind("sameas", ["other"], required: 1)[0]),
            ["in"] = (value, args, _) => PyOps.Contains(args.Bind("in", ["seq"], required: 1)[0], value),
            ["filter"] = (value, _, _) => value is string name && Filters.Exists(name),
            ["test"] = (value, _, _) => value is string name && Table!.ContainsKey(name),
        };

        Comparison(table, (a, b) => PyOps.Equal(a, b), "eq", "equalto", "==");
        Comparison(table, (a, b) => !PyOps.Equal(a, b), "ne", "!=");
        Comparison(table, (a, b) => PyOps.Compare(a, b, "<") < 0, "lt", "lessthan", "<");
        Comparison(table, (a, b) => PyOps.Compare(a, b, "<=") <= 0, "le", "<=");
        Comparison(table, (a, b) => PyOps.Compare(a, b, ">") > 0, "gt", "greaterthan", ">");
        Comparison(table, (a, b) => PyOps.Compare(a, b, ">=") >= 0, "ge", ">=");
        return table;
    }

    private static void Comparison(Dictionary<string, TestFunction> table, Func<object?, object?, bool> compare, params string[] names)
    {
        foreach (var name in names)
        {
            table[name] = (value, args, _) => compare(value, args.Bind(name, ["other"], required: 1)[0]);
        }
    }

    private static bool ModuloEquals(object? value, object? divisor, long remainder) =>
        PyOps.Equal(PyOps.Modulo(value, divisor), PyOps.Box(remainder));

    /// <summary>Python's <c>is</c>: identity for objects, value for the singletons and CPython's cached small ints.</summary>
    private static bool IsSame(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (bool x, bool y) => x == y,
        (long x, long y) => x == y && x is >= -5 and <= 256,
        _ => ReferenceEquals(a, b),
    };
}
