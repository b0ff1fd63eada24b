using Inference.Templates.Runtime;

namespace Inference.Templates.Builtins;

/// <summary>A Jinja filter: <c>value | name(arguments)</c>.</summary>
internal delegate object? FilterFunction(object? value, CallArguments arguments, RenderContext context);

/// <summary>The filters a template can use: Jinja's builtins plus transformers' <c>tojson</c>.</summary>
internal static class Filters
{
    private static readonly Dictionary<string, FilterFunction> Table = Build();

    public static bool TryGet(string name, out FilterFunction filter) => Table.TryGetValue(name, out filter!);

    public static bool Exists(string name) => Table.ContainsKey(name);

    /// <summary>Applies a filter named at runtime, as <c>map('upper')</c> does.</summary>
    public static object? Apply(string name, object? value, CallArguments arguments, RenderContext context) =>
        TryGet(name, out var filter) ? filter(value, arguments, context) : throw new TemplateException($"No filter named '{name}'.");

    private static Dictionary<string, FilterFunction> Build()
    {
        var table = new Dictionary<string, FilterFunction>(StringComparer.Ordinal);
        StringFilters.Register(table);
        SequenceFilters.Register(table);
        SelectionFilters.Register(table);
        NumberFilters.Register(table);
        table["tojson"] = ToJson;
        table["default"] = table["d"] = Default;
        return table;
    }

    /// <summary>transformers' override: <c>json.dumps(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False)</c>.</summary>
    private static object? ToJson(object? value, CallArguments arguments, RenderContext context)
    {
        var bound = arguments.Bind("tojson", ["ensure_ascii", "indent", "separators", "sort_keys"]);
        return Formatting.JsonDumps.Serialize(
            value,
            ensureAscii: PyOps.IsTruthy(bound.Or(0, false)),
            indent: bound.Or(1, null),
            separators: bound.Or(2, null),
            sortKeys: PyOps.IsTruthy(bound.Or(3, false)));
    }

    private static object? Default(object? value, CallArguments arguments, RenderContext context)
    {
        var bound = arguments.Bind("default", ["default_value", "boolean"]);
        var useDefault = value is Undefined || (PyOps.IsTruthy(bound.Or(1, false)) && !PyOps.IsTruthy(value));
        return useDefault ? bound.Or(0, string.Empty) : value;
    }
}
