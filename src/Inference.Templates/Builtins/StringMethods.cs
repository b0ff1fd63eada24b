using System.Globalization;
using System.Text;
using Inference.Templates.Formatting;
using Inference.Templates.Runtime;

namespace Inference.Templates.Builtins;

/// <summary>The methods of Python's <c>str</c> that chat templates call, e.g. <c>content.split('&lt;/think&gt;')</c>.</summary>
internal static class StringMethods
{
    public static readonly IReadOnlyDictionary<string, MethodImplementation> Table = new Dictionary<string, MethodImplementation>
    {
        ["startswith"] = (self, args, _) => Affix(Self(self), args, "startswith", prefix: true),
        ["endswith"] = (self, args, _) => Affix(Self(self), args, "endswith", prefix: false),
        ["split"] = (self, args, _) => Split(Self(self), args, "split", PyString.Split),
        ["rsplit"] = (self, args, _) => Split(Self(self), args, "rsplit", PyString.RightSplit),
        ["strip"] = (self, args, _) => Strip(Self(self), args, "strip", left: true, right: true),
        ["lstrip"] = (self, args, _) => Strip(Self(self), args, "lstrip", left: true, right: false),
        ["rstrip"] = (self, args, _) => Strip(Self(self), args, "rstrip", left: false, right: true),
        ["replace"] = (self, args, _) => Replace(Self(self), args),
        ["upper"] = (self, args, _) => NoArguments(args, "upper", Self(self).ToUpperInvariant()),
        ["lower"] = (self, args, _) => NoArguments(args, "lower", Self(self).ToLowerInvariant()),
        ["casefold"] = (self, args, _) => NoArguments(args, "casefold", Self(self).ToLowerInvariant()),
        ["title"] = (self, args, _) => NoArguments(args, "title", PyString.Title(Self(self))),
        ["capitalize"] = (self, args, _) => NoArguments(args, "capitalize", PyString.Capitalize(Self(self))),
        ["swapcase"] = (self, args, _) => NoArguments(args, "swapcase", SwapCase(Self(self))),
        ["format"] = (self, args, _) => StrFormatter.Format(Self(self), args),
        ["join"] = (self, args, _) => Join(Self(self), args),
        ["find"] = (self, args, _) => Find(Self(self), args, "find", fromEnd: false, raise: false),
        ["rfind"] = (self, args, _) => Find(Self(self), args, "rfind", fromEnd: true, raise: false),
        ["index"] = (self, args, _) => Find(Self(self), args, "index", fromEnd: false, raise: true),
        ["rindex"] = (self, args, _) => Find(Self(self), args, "rindex", fromEnd: true, raise: true),
        ["count"] = (self, args, _) => Count(Self(self), args),
        ["splitlines"] = (self, args, _) => PyString.SplitLines(Self(self), PyOps.IsTruthy(args.Bind("splitlines", ["keepends"]).Or(0, false))),
        ["partition"] = (self, args, _) => Partition(Self(self), args, "partition", fromEnd: false),
        ["rpartition"] = (self, args, _) => Partition(Self(self), args, "rpartition", fromEnd: true),
        ["removeprefix"] = (self, args, _) => RemoveAffix(Self(self), args, "removeprefix", prefix: true),
        ["removesuffix"] = (self, args, _) => RemoveAffix(Self(self), args, "removesuffix", prefix: false),
        ["center"] = (self, args, _) => Pad(Self(self), args, "center"),
        ["ljust"] = (self, args, _) => Pad(Self(self), args, "ljust"),
        ["rjust"] = (self, args, _) => Pad(Self(self), args, "rjust"),
        ["zfill"] = (self, args, _) => ZeroFill(Self(self), args),
        ["isdigit"] = (self, args, _) => Predicate(Self(self), args, "isdigit", PyString.IsDigit),
        ["isdecimal"] = (self, args, _) => Predicate(Self(self), args, "isdecimal", r => Rune.GetUnicodeCategory(r) == UnicodeCategory.DecimalDigitNumber),
        ["isnumeric"] = (self, args, _) => Predicate(Self(self), args, "isnumeric", r => Rune.GetNumericValue(r) >= 0),
        ["isalpha"] = (self, args, _) => Predicate(Self(self), args, "isalpha", Rune.IsLetter),
        ["isalnum"] = (self, args, _) => Predicate(Self(self), args, "isalnum", r => Rune.IsLetterOrDigit(r) || Rune.GetNumericValue(r) >= 0),
        ["isspace"] = (self, args, _) => Predicate(Self(self), args, "isspace", PyString.IsSpace),
        ["islower"] = (self, args, _) => NoArguments(args, "islower", PyOps.Box(PyString.IsCasedAll(Self(self), upper: false))),
        ["isupper"] = (self, args, _) => NoArguments(args, "isupper", PyOps.Box(PyString.IsCasedAll(Self(self), upper: true))),
        ["istitle"] = (self, args, _) => NoArguments(args, "istitle", PyOps.Box(Self(self).Length > 0 && PyString.Title(Self(self)) == Self(self) && PyString.IsCasedAll(Self(self).ToUpperInvariant(), upper: true))),
    };

    /// <summary>Coerces an argument to str with Python's TypeError wording.</summary>
    public static string RequireString(object? value, string function) =>
        PyOps.UnwrapMarkup(value) as string ?? throw new TemplateException($"{function}() argument must be str, not {PyTypes.Name(value)}");

    private static string Self(object? self) => (string)self!;

    private static object NoArguments(CallArguments args, string name, object result) =>
        args.IsEmpty ? result : throw new TemplateException($"str.{name}() takes no arguments");

    private static object Affix(string s, CallArguments args, string name, bool prefix)
    {
        var bound = args.Bind(name, ["prefix", "start", "end"], required: 1);
        var (text, _) = Range(s, bound.Or(1, null), bound.Or(2, null));
        var candidates = bound[0] switch
        {
            string single => [single],
            PyTuple tuple => tuple.Select(item => RequireString(item, name)).ToArray(),
            var other => throw new TemplateException($"{name} first arg must be str or a tuple of str, not {PyTypes.Name(other)}"),
        };
        return PyOps.Box(Array.Exists(candidates, c => prefix ? text.StartsWith(c, StringComparison.Ordinal) : text.EndsWith(c, StringComparison.Ordinal)));
    }

    private static List<object?> Split(string s, CallArguments args, string name, Func<string, string?, long, List<object?>> split)
    {
        var bound = args.Bind(name, ["sep", "maxsplit"]);
        var separator = bound.Or(0, null) is { } sep ? RequireString(sep, name) : null;
        var maxSplit = bound.Or(1, -1L) is long max ? max : throw new TemplateException("maxsplit must be an integer");
        return split(s, separator, maxSplit);
    }

    private static string Strip(string s, CallArguments args, string name, bool left, bool right)
    {
        var chars = args.Bind(name, ["chars"]).Or(0, null);
        return PyString.Strip(s, chars is null ? null : RequireString(chars, name), left, right);
    }

    private static string Replace(string s, CallArguments args)
    {
        var bound = args.Bind("replace", ["old", "new", "count"], required: 2);
        var count = bound.Or(2, -1L) is long c ? c : throw new TemplateException("replace() count must be an integer");
        return PyString.Replace(s, RequireString(bound[0], "replace"), RequireString(bound[1], "replace"), count);
    }

    private static string Join(string separator, CallArguments args)
    {
        var items = args.Bind("join", ["iterable"], required: 1)[0];
        var builder = new StringBuilder();
        var index = 0;
        foreach (var item in PyOps.Iterate(items))
        {
            if (PyOps.UnwrapMarkup(item) is not string text)
            {
                throw new TemplateException($"sequence item {index}: expected str instance, {PyTypes.Name(item)} found");
            }

            if (index++ > 0)
            {
                builder.Append(separator);
            }

            builder.Append(text);
        }

        return builder.ToString();
    }

    private static object Find(string s, CallArguments args, string name, bool fromEnd, bool raise)
    {
        var bound = args.Bind(name, ["sub", "start", "end"], required: 1);
        var sub = RequireString(bound[0], name);
        var (text, offset) = Range(s, bound.Or(1, null), bound.Or(2, null));
        var found = fromEnd ? text.LastIndexOf(sub, StringComparison.Ordinal) : text.IndexOf(sub, StringComparison.Ordinal);
        if (found < 0)
        {
            return raise ? throw new TemplateException("substring not found") : PyOps.Box(-1);
        }

        return PyOps.Box(offset + PyString.ToCodePointIndex(text, found));
    }

    private static object Count(string s, CallArguments args)
    {
        var bound = args.Bind("count", ["sub", "start", "end"], required: 1);
        var sub = RequireString(bound[0], "count");
        var (text, _) = Range(s, bound.Or(1, null), bound.Or(2, null));
        if (sub.Length == 0)
        {
            return PyOps.Box(PyString.Length(text) + 1);
        }

        var count = 0;
        for (var i = text.IndexOf(sub, StringComparison.Ordinal); i >= 0; i = text.IndexOf(sub, i + sub.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return PyOps.Box(count);
    }

    private static PyTuple Partition(string s, CallArguments args, string name, bool fromEnd)
    {
        var separator = RequireString(args.Bind(name, ["sep"], required: 1)[0], name);
        if (separator.Length == 0)
        {
            throw new TemplateException("empty separator");
        }

        var found = fromEnd ? s.LastIndexOf(separator, StringComparison.Ordinal) : s.IndexOf(separator, StringComparison.Ordinal);
        if (found < 0)
        {
            return fromEnd ? new PyTuple([string.Empty, string.Empty, s]) : new PyTuple([s, string.Empty, string.Empty]);
        }

        return new PyTuple([s[..found], separator, s[(found + separator.Length)..]]);
    }

    private static string RemoveAffix(string s, CallArguments args, string name, bool prefix)
    {
        var affix = RequireString(args.Bind(name, [prefix ? "prefix" : "suffix"], required: 1)[0], name);
        if (prefix)
        {
            return s.StartsWith(affix, StringComparison.Ordinal) ? s[affix.Length..] : s;
        }

        return affix.Length > 0 && s.EndsWith(affix, StringComparison.Ordinal) ? s[..^affix.Length] : s;
    }

    private static string Pad(string s, CallArguments args, string name)
    {
        var bound = args.Bind(name, ["width", "fillchar"], required: 1);
        var width = bound[0] is long w ? (int)w : throw new TemplateException("integer argument expected");
        var fill = bound.Or(1, " ") is string { Length: 1 } f ? f[0] : throw new TemplateException("The fill character must be exactly one character long");
        return name switch
        {
            "ljust" => PadRight(s, width, fill),
            "rjust" => PadLeft(s, width, fill),
            _ => Center(s, width, fill),
        };
    }

    /// <summary>Python's <c>str.center</c>, whose odd padding goes left only when both width and margin are odd.</summary>
    public static string Center(string s, int width, char fill)
    {
        var margin = width - PyString.Length(s);
        if (margin <= 0)
        {
            return s;
        }

        var left = (margin / 2) + (margin & width & 1);
        return new string(fill, left) + s + new string(fill, margin - left);
    }

    private static string PadLeft(string s, int width, char fill) => new string(fill, Math.Max(0, width - PyString.Length(s))) + s;

    private static string PadRight(string s, int width, char fill) => s + new string(fill, Math.Max(0, width - PyString.Length(s)));

    private static string ZeroFill(string s, CallArguments args)
    {
        var width = args.Bind("zfill", ["width"], required: 1)[0] is long w ? (int)w : throw new TemplateException("integer argument expected");
        var padding = width - PyString.Length(s);
        if (padding <= 0)
        {
            return s;
        }

        var signLength = s.Length > 0 && s[0] is '+' or '-' ? 1 : 0;
        return s[..signLength] + new string('0', padding) + s[signLength..];
    }

    private static object Predicate(string s, CallArguments args, string name, Func<Rune, bool> predicate) =>
        NoArguments(args, name, PyOps.Box(PyString.All(s, predicate)));

    private static string SwapCase(string s)
    {
        var builder = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            builder.Append(char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary>The <c>s[start:end]</c> window that start/end arguments select, with its code-point offset.</summary>
    private static (string Text, int Offset) Range(string s, object? start, object? end)
    {
        if (start is null && end is null)
        {
            return (s, 0);
        }

        var slice = new PySlice(start, end, null);
        return (PyString.Slice(s, slice), slice.Resolve(PyString.Length(s)).Start);
    }
}
