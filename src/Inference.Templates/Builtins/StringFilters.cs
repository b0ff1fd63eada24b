using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Inference.Templates.Formatting;
using Inference.Templates.Runtime;

namespace Inference.Templates.Builtins;

/// <summary>Jinja's text filters. Autoescaping is off, so <c>safe</c> just converts to str.</summary>
internal static partial class StringFilters
{
    public static void Register(Dictionary<string, FilterFunction> table)
    {
        table["string"] = (value, args, _) => NoArguments(args, "string", value as Markup ?? (object)PyRepr.Str(value));
        table["safe"] = (value, args, _) => NoArguments(args, "safe", value as Markup ?? new Markup(PyRepr.Str(value)));
        table["lower"] = (value, args, _) => NoArguments(args, "lower", SameKind(value, PyRepr.Str(value).ToLowerInvariant()));
        table["upper"] = (value, args, _) => NoArguments(args, "upper", SameKind(value, PyRepr.Str(value).ToUpperInvariant()));
        table["capitalize"] = (value, args, _) => NoArguments(args, "capitalize", SameKind(value, PyString.Capitalize(PyRepr.Str(value))));
        table["title"] = (value, args, _) => NoArguments(args, "title", Title(PyRepr.Str(value)));
        table["trim"] = Trim;
        table["replace"] = Replace;
        table["indent"] = Indent;
        table["center"] = (value, args, _) => SameKind(value, StringMethods.Center(PyRepr.Str(value), IntArgument(args.Bind("center", ["width"]).Or(0, 80L), "center"), ' '));
        table["format"] = Format;
        table["truncate"] = Truncate;
        table["wordcount"] = (value, args, _) => NoArguments(args, "wordcount", PyOps.Box(WordPattern().Count(PyRepr.Str(value))));
        table["escape"] = table["e"] = (value, args, _) => NoArguments(args, "escape", Markup.Escape(value));
        table["forceescape"] = (value, args, _) => NoArguments(args, "forceescape", new Markup(Escape(PyRepr.Str(value))));
        table["striptags"] = (value, args, _) => NoArguments(args, "striptags", StripTags(PyRepr.Str(value)));
    }

    /// <summary>markupsafe's escape: &amp; &lt; &gt; and both quotes as numeric references.</summary>
    public static string Escape(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&#34;", StringComparison.Ordinal)
        .Replace("'", "&#39;", StringComparison.Ordinal);

    /// <summary>Jinja applies str methods to <c>soft_str(value)</c>, so Markup in gives Markup out.</summary>
    private static object SameKind(object? input, string result) => input is Markup ? new Markup(result) : result;

    internal static object NoArguments(CallArguments args, string name, object result) =>
        args.IsEmpty ? result : throw new TemplateException($"{name}() takes no arguments");

    internal static int IntArgument(object? value, string name) => value switch
    {
        long l => (int)l,
        bool b => b ? 1 : 0,
        _ => throw new TemplateException($"{name}(): expected an integer, got {PyTypes.Name(value)}"),
    };

    /// <summary>Jinja's <c>title</c> filter: capitalizes each word after spaces, dashes and opening brackets.</summary>
    private static string Title(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var item in WordBeginning().Split(text))
        {
            if (item.Length > 0)
            {
                builder.Append(char.ToUpperInvariant(item[0])).Append(item[1..].ToLowerInvariant());
            }
        }

        return builder.ToString();
    }

    private static object? Trim(object? value, CallArguments args, RenderContext context)
    {
        var chars = args.Bind("trim", ["chars"]).Or(0, null);
        return SameKind(value, PyString.Strip(PyRepr.Str(value), chars is null ? null : StringMethods.RequireString(chars, "trim"), left: true, right: true));
    }

    private static object? Replace(object? value, CallArguments args, RenderContext context)
    {
        var bound = args.Bind("replace", ["old", "new", "count"], required: 2);
        var count = bound.Or(2, null) is { } c ? IntArgument(c, "replace") : -1;
        return PyString.Replace(PyRepr.Str(value), PyRepr.Str(bound[0]), PyRepr.Str(bound[1]), count);
    }

    private static object? Indent(object? value, CallArguments args, RenderContext context)
    {
        var bound = args.Bind("indent", ["width", "first", "blank"]);
        var width = bound.Or(0, 4L);
        var indentation = width as string ?? new string(' ', Math.Max(0, IntArgument(width, "indent")));
        // Jinja appends the newline with +, so non-strings fail with Python's concatenation TypeError.
        var text = (string)PyOps.UnwrapMarkup(PyOps.Add(value, value is Markup ? new Markup("\n") : "\n"))!;
        var lines = PyString.SplitLines(text, keepEnds: false);
        string result;
        if (PyOps.IsTruthy(bound.Or(2, false)))
        {
            result = string.Join("\n" + indentation, lines);
        }
        else
        {
            var builder = new StringBuilder((string)lines[0]!);
            foreach (var line in lines.Skip(1))
            {
                builder.Append('\n');
                if (((string)line!).Length > 0)
                {
                    builder.Append(indentation);
                }

                builder.Append((string)line!);
            }

            result = builder.ToString();
        }

        return SameKind(value, PyOps.IsTruthy(bound.Or(1, false)) ? indentation + result : result);
    }

    private static object? Format(object? value, CallArguments args, RenderContext context)
    {
        if (args.PositionalCount > 0 && args.Named.Count > 0)
        {
            throw new TemplateException("can't handle positional and keyword arguments at the same time");
        }

        object? values;
        if (args.Named.Count > 0)
        {
            var mapping = new PyDict();
            foreach (var (key, item) in args.Named)
            {
                mapping[key] = item;
            }

            values = mapping;
        }
        else
        {
            values = new PyTuple(args.Positional.ToArray());
        }

        return value is Markup ? PyOps.Modulo(value, values) : PercentFormatter.Format(PyRepr.Str(value), values);
    }

    private static object? Truncate(object? value, CallArguments args, RenderContext context)
    {
        var bound = args.Bind("truncate", ["length", "killwords", "end", "leeway"]);
        var length = IntArgument(bound.Or(0, 255L), "truncate");
        var end = PyRepr.Str(bound.Or(2, "..."));
        var leeway = IntArgument(bound.Or(3, null) ?? 5L, "truncate");
        if (length < end.Length)
        {
            throw new TemplateException($"expected length >= {end.Length}, got {length}");
        }

        // Jinja measures and slices the value itself, not its str(): short lists pass, numbers fail.
        if (PyOps.Length(value) <= length + leeway)
        {
            return value;
        }

        if (PyOps.UnwrapMarkup(value) is not string text)
        {
            return PyOps.Add(PyOps.GetSlice(value, new PySlice(null, PyOps.Box(length - end.Length), null)), end);
        }

        var kept = PyString.Slice(text, new PySlice(null, PyOps.Box(length - end.Length), null));
        if (PyOps.IsTruthy(bound.Or(1, false)))
        {
            return kept + end;
        }

        var lastSpace = kept.LastIndexOf(' ');
        return (lastSpace < 0 ? kept : kept[..lastSpace]) + end;
    }

    /// <summary>markupsafe's striptags: drops comments and tags, collapses whitespace, unescapes entities.</summary>
    private static string StripTags(string text)
    {
        var withoutTags = TagOrComment().Replace(text, string.Empty);
        var collapsed = string.Join(' ', withoutTags.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return WebUtility.HtmlDecode(collapsed);
    }

    [GeneratedRegex(@"([-\s({\[<]+)")]
    private static partial Regex WordBeginning();

    [GeneratedRegex(@"\w+")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"<!--.*?-->|<.*?>", RegexOptions.Singleline)]
    private static partial Regex TagOrComment();
}
