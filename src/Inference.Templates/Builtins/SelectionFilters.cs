using Inference.Templates.Runtime;

namespace Inference.Templates.Builtins;

/// <summary>
/// Jinja's lazy <c>map</c>, <c>select</c>, <c>reject</c>, <c>selectattr</c> and <c>rejectattr</c>. They return
/// single-pass generators (so <c>tojson</c> rejects them, as in Python), and a falsy input yields nothing.
/// </summary>
internal static class SelectionFilters
{
    public static void Register(Dictionary<string, FilterFunction> table)
    {
        table["map"] = Map;
        table["select"] = (value, args, context) => Select(value, args, context, byAttribute: false, keep: true);
        table["reject"] = (value, args, context) => Select(value, args, context, byAttribute: false, keep: false);
        table["selectattr"] = (value, args, context) => Select(value, args, context, byAttribute: true, keep: true);
        table["rejectattr"] = (value, args, context) => Select(value, args, context, byAttribute: true, keep: false);
    }

    private static object? Map(object? value, CallArguments args, RenderContext context) =>
        new PyIterator("generator", MapItems(value, args, context));

    /// <summary>A generator in Jinja: a falsy input yields nothing and bad arguments fail only when iterated.</summary>
    private static IEnumerable<object?> MapItems(object? value, CallArguments args, RenderContext context)
    {
        if (!PyOps.IsTruthy(value))
        {
            yield break;
        }

        Func<object?, object?> transform;
        if (args.PositionalCount == 0 && args.Named.Any(pair => pair.Key == "attribute"))
        {
            var bound = args.Bind("map", ["attribute", "default"]);
            transform = AttributeGetter.Create(bound[0], fallback: bound.Or(1, null));
        }
        else
        {
            if (args.PositionalCount == 0)
            {
                throw new TemplateException("map requires a filter argument");
            }

            var name = StringMethods.RequireString(args.Positional[0], "map");
            var filterArguments = args.Skip(1);
            transform = item => Filters.Apply(name, item, filterArguments, context);
        }

        foreach (var item in PyOps.Iterate(value))
        {
            yield return transform(item);
        }
    }

    private static object? Select(object? value, CallArguments args, RenderContext context, bool byAttribute, bool keep) =>
        new PyIterator("generator", SelectItems(value, args, context, byAttribute, keep));

    private static IEnumerable<object?> SelectItems(object? value, CallArguments args, RenderContext context, bool byAttribute, bool keep)
    {
        if (!PyOps.IsTruthy(value))
        {
            yield break;
        }

        var offset = 0;
        Func<object?, object?> getValue = item => item;
        if (byAttribute)
        {
            if (args.PositionalCount == 0)
            {
                throw new TemplateException("Missing parameter for attribute name");
            }

            getValue = AttributeGetter.Create(args.Positional[0]);
            offset = 1;
        }

        Func<object?, bool> test;
        if (args.PositionalCount > offset)
        {
            var name = StringMethods.RequireString(args.Positional[offset], "select");
            var testArguments = args.Skip(offset + 1);
            test = item => JinjaTests.Apply(name, item, testArguments, context);
        }
        else
        {
            test = PyOps.IsTruthy;
        }

        foreach (var item in PyOps.Iterate(value))
        {
            if (test(getValue(item)) == keep)
            {
                yield return item;
            }
        }
    }
}
