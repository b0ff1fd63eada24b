namespace Inference.Templates.Runtime;

/// <summary>Python semantics of truthiness, equality and ordering over engine values.</summary>
internal static partial class PyOps
{
    public static readonly object True = true;
    public static readonly object False = false;

    private static readonly object[] SmallInts = Enumerable.Range(-8, 1032).Select(i => (object)(long)i).ToArray();

    /// <summary>Boxes an int, reusing cached boxes for small values (loop indexes, lengths).</summary>
    public static object Box(long value) => value is >= -8 and < 1024 ? SmallInts[value + 8] : value;

    public static object Box(bool value) => value ? True : False;

    public static bool IsTruthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        long l => l != 0,
        double d => d != 0,
        string s => s.Length != 0,
        Markup markup => markup.Text.Length != 0,
        List<object?> list => list.Count != 0,
        PyTuple tuple => tuple.Count != 0,
        PyDict dict => dict.Count != 0,
        Undefined => false,
        PyRange range => range.Count != 0,
        PyDictView view => view.Count != 0,
        _ => true,
    };

    public static bool IsNumber(object? value) => value is long or double or bool;

    /// <summary>Python <c>==</c>.</summary>
    public static bool Equal(object? a, object? b)
    {
        a = UnwrapMarkup(a);
        b = UnwrapMarkup(b);
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        switch (a)
        {
            case null:
                return false;
            case string sa:
                return b is string sb && string.Equals(sa, sb, StringComparison.Ordinal);
            case long or double or bool:
                return IsNumber(b) && CompareNumbers(a, b!) == 0;
            case List<object?> la:
                return b is List<object?> lb && SequenceEqual(la, lb);
            case PyTuple ta:
                return b is PyTuple tb && SequenceEqual(ta, tb);
            case PyDict da:
                return b is PyDict db && DictEqual(da, db);
            case Undefined:
                return b is Undefined;
            case PyRange ra:
                return b is PyRange rb && SequenceEqual(ra.Items().ToList(), rb.Items().ToList());
            default:
                return a.Equals(b);
        }
    }

    /// <summary>Python ordering for <c>&lt;</c>, <c>&gt;</c>, sort and min/max; raises TypeError for unorderable pairs.</summary>
    public static int Compare(object? a, object? b, string operatorSymbol = "<")
    {
        a = UnwrapMarkup(a);
        b = UnwrapMarkup(b);
        if (a is Undefined ua)
        {
            throw ua.Error();
        }

        if (b is Undefined ub)
        {
            throw ub.Error();
        }

        if (IsNumber(a) && IsNumber(b))
        {
            return CompareNumbers(a!, b!);
        }

        switch (a)
        {
            case string sa when b is string sb:
                return PyString.CompareOrdinal(sa, sb);
            case List<object?> la when b is List<object?> lb:
                return CompareSequences(la, lb, operatorSymbol);
            case PyTuple ta when b is PyTuple tb:
                return CompareSequences(ta, tb, operatorSymbol);
            default:
                throw new TemplateException(
                    $"'{operatorSymbol}' not supported between instances of '{PyTypes.Name(a)}' and '{PyTypes.Name(b)}'");
        }
    }

    /// <summary>Markup is a str subclass: most operations see only its text.</summary>
    public static object? UnwrapMarkup(object? value) => value is Markup markup ? markup.Text : value;

    public static double ToDouble(object value) => value switch
    {
        long l => l,
        double d => d,
        bool b => b ? 1 : 0,
        _ => throw new TemplateException($"must be real number, not {PyTypes.Name(value)}"),
    };

    private static int CompareNumbers(object a, object b)
    {
        if (a is double || b is double)
        {
            var x = ToDouble(a);
            var y = ToDouble(b);
            return x < y ? -1 : x > y ? 1 : x == y ? 0 : 2; // 2: NaN, unequal and unordered
        }

        return AsLong(a).CompareTo(AsLong(b));
    }

    private static long AsLong(object value) => value is bool b ? (b ? 1 : 0) : (long)value;

    private static bool SequenceEqual(IReadOnlyList<object?> a, IReadOnlyList<object?> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (!Equal(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool DictEqual(PyDict a, PyDict b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || !Equal(value, other))
            {
                return false;
            }
        }

        return true;
    }

    private static int CompareSequences(IReadOnlyList<object?> a, IReadOnlyList<object?> b, string operatorSymbol)
    {
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            if (!Equal(a[i], b[i]))
            {
                return Compare(a[i], b[i], operatorSymbol);
            }
        }

        return a.Count.CompareTo(b.Count);
    }

    /// <summary>Formats the TypeError Python raises for an operator applied to unsupported operand types.</summary>
    private static TemplateException Unsupported(string symbol, object? a, object? b) =>
        new($"unsupported operand type(s) for {symbol}: '{PyTypes.Name(a)}' and '{PyTypes.Name(b)}'");

    private static TemplateException UnsupportedUnary(string symbol, object? a) =>
        new($"bad operand type for unary {symbol}: '{PyTypes.Name(a)}'");
}
