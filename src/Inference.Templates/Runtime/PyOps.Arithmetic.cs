using System.Text;
using Inference.Templates.Formatting;

namespace Inference.Templates.Runtime;

/// <summary>Python arithmetic: int stays int, <c>/</c> gives float, <c>//</c> and <c>%</c> floor, <c>**</c> may go float.</summary>
internal static partial class PyOps
{
    public static object? Add(object? a, object? b)
    {
        FailIfUndefined(a, b);
        if (a is Markup || b is Markup)
        {
            return AddMarkup(a, b);
        }

        if (a is long or bool && b is long or bool)
        {
            return Box(CheckedInt(AsLong(a), AsLong(b), '+'));
        }

        if (IsNumber(a) && IsNumber(b))
        {
            return ToDouble(a!) + ToDouble(b!);
        }

        switch (a)
        {
            case string sa when b is string sb:
                return string.Concat(sa, sb);
            case string:
                throw new TemplateException($"can only concatenate str (not \"{PyTypes.Name(b)}\") to str");
            case List<object?> la when b is List<object?> lb:
                return new List<object?>(la.Concat(lb));
            case List<object?>:
                throw new TemplateException($"can only concatenate list (not \"{PyTypes.Name(b)}\") to list");
            case PyTuple ta when b is PyTuple tb:
                return new PyTuple([.. ta, .. tb]);
            case PyTuple:
                throw new TemplateException($"can only concatenate tuple (not \"{PyTypes.Name(b)}\") to tuple");
            default:
                throw Unsupported("+", a, b);
        }
    }

    public static object? Subtract(object? a, object? b)
    {
        FailIfUndefined(a, b);
        if (a is long or bool && b is long or bool)
        {
            return Box(CheckedInt(AsLong(a), AsLong(b), '-'));
        }

        return IsNumber(a) && IsNumber(b) ? ToDouble(a!) - ToDouble(b!) : throw Unsupported("-", a, b);
    }

    public static object? Multiply(object? a, object? b)
    {
        FailIfUndefined(a, b);
        if (a is long or bool && b is long or bool)
        {
            return Box(CheckedInt(AsLong(a), AsLong(b), '*'));
        }

        if (IsNumber(a) && IsNumber(b))
        {
            return ToDouble(a!) * ToDouble(b!);
        }

        if (a is Markup markup && b is long or bool)
        {
            return new Markup((string)Repeat(markup.Text, AsLong(b)));
        }

        if (b is long or bool && a is string or List<object?> or PyTuple)
        {
            return Repeat(a, AsLong(b));
        }

        if (a is long or bool && b is string or List<object?> or PyTuple)
        {
            return Repeat(b, AsLong(a));
        }

        throw Unsupported("*", a, b);
    }

    public static object? Divide(object? a, object? b)
    {
        FailIfUndefined(a, b);
        if (!IsNumber(a) || !IsNumber(b))
        {
            throw Unsupported("/", a, b);
        }

        var divisor = ToDouble(b!);
        return divisor == 0 ? throw new TemplateException("division by zero") : ToDouble(a!) / divisor;
    }

    public static object? FloorDivide(object? a, object? b)
    {
        FailIfUndefined(a, b);
        if (a is long or bool && b is long or bool)
        {
            var (x, y) = (AsLong(a), AsLong(b));
            return y == 0 ? throw new TemplateException("integer division or modulo by zero") : Box(FloorDiv(x, y));
        }

        if (!IsNumber(a) || !IsNumber(b))
        {
            throw Unsupported("//", a, b);
        }

        return FloatDivMod(ToDouble(a!), ToDouble(b!)).Quotient;
    }

    public static object? Modulo(object? a, object? b)
    {
        // str.__mod__ runs before Undefined gets a say, and formats an undefined argument as "".
        if (a is string format)
        {
            return PercentFormatter.Format(format, b);
        }

        FailIfUndefined(a, b);
        if (a is Markup markupFormat)
        {
            return new Markup(PercentFormatter.Format(markupFormat.Text, EscapeFormatArguments(b)));
        }

        if (a is long or bool && b is long or bool)
        {
            var (x, y) = (AsLong(a), AsLong(b));
            return y == 0 ? throw new TemplateException("integer modulo by zero") : Box(x - (FloorDiv(x, y) * y));
        }

        if (!IsNumber(a) || !IsNumber(b))
        {
            throw Unsupported("%", a, b);
        }

        return FloatDivMod(ToDouble(a!), ToDouble(b!)).Remainder;
    }

    public static object? Power(object? a, object? b)
    {
        FailIfUndefined(a, b);
        if (a is long or bool && b is long or bool && AsLong(b) >= 0)
        {
            var (x, exponent) = (AsLong(a), AsLong(b));
            long result = 1;
            while (exponent > 0)
            {
                if ((exponent & 1) == 1)
                {
                    result = CheckedInt(result, x, '*');
                }

                exponent >>= 1;
                if (exponent > 0)
                {
                    x = CheckedInt(x, x, '*');
                }
            }

            return Box(result);
        }

        if (!IsNumber(a) || !IsNumber(b))
        {
            throw Unsupported("** or pow()", a, b);
        }

        var (baseValue, exponentValue) = (ToDouble(a!), ToDouble(b!));
        return baseValue == 0 && exponentValue < 0
            ? throw new TemplateException("0.0 cannot be raised to a negative power")
            : Math.Pow(baseValue, exponentValue);
    }

    public static object? Negate(object? a) => a switch
    {
        Undefined u => throw u.Error(),
        long l => Box(-l),
        bool b => Box(b ? -1 : 0),
        double d => -d,
        _ => throw UnsupportedUnary("-", a),
    };

    public static object? Plus(object? a) => a switch
    {
        Undefined u => throw u.Error(),
        bool b => Box(b ? 1 : 0),
        long or double => a,
        _ => throw UnsupportedUnary("+", a),
    };

    /// <summary>Markup + str escapes the str (either side); the result stays Markup.</summary>
    private static object AddMarkup(object? a, object? b)
    {
        if (a is not (string or Markup) || b is not (string or Markup))
        {
            throw Unsupported("+", a, b);
        }

        return new Markup(Markup.Escape(a).Text + Markup.Escape(b).Text);
    }

    /// <summary>Markup's <c>%</c> escapes each string argument before formatting.</summary>
    private static object? EscapeFormatArguments(object? arguments) => arguments switch
    {
        PyTuple tuple => new PyTuple(tuple.Select(EscapeFormatArgument).ToArray()),
        PyDict dict => dict.Aggregate(new PyDict(), (escaped, pair) =>
        {
            escaped[pair.Key] = EscapeFormatArgument(pair.Value);
            return escaped;
        }),
        _ => EscapeFormatArgument(arguments),
    };

    private static object? EscapeFormatArgument(object? value) => IsNumber(value) ? value : Markup.Escape(value).Text;

    /// <summary>CPython's float_divmod: the floor quotient and a remainder with the divisor's sign.</summary>
    private static (double Quotient, double Remainder) FloatDivMod(double x, double y)
    {
        if (y == 0)
        {
            throw new TemplateException("float division by zero");
        }

        var remainder = x % y;
        var quotient = (x - remainder) / y;
        if (remainder != 0)
        {
            if ((y < 0) != (remainder < 0))
            {
                remainder += y;
                quotient -= 1.0;
            }
        }
        else
        {
            remainder = Math.CopySign(0.0, y);
        }

        if (quotient != 0)
        {
            var floor = Math.Floor(quotient);
            quotient = quotient - floor > 0.5 ? floor + 1.0 : floor;
        }
        else
        {
            quotient = Math.CopySign(0.0, x / y);
        }

        return (quotient, remainder);
    }

    private static long FloorDiv(long x, long y)
    {
        var quotient = x / y;
        return (x % y != 0) && ((x < 0) != (y < 0)) ? quotient - 1 : quotient;
    }

    private static object Repeat(object? sequence, long times)
    {
        var count = (int)Math.Max(0, times);
        return sequence switch
        {
            string s => new StringBuilder(s.Length * count).Insert(0, s, count).ToString(),
            List<object?> list => Enumerable.Repeat(list, count).SelectMany(x => x).ToList(),
            PyTuple tuple => new PyTuple(Enumerable.Repeat(tuple, count).SelectMany(x => x).ToArray()),
            _ => throw new InvalidOperationException("not a sequence"),
        };
    }

    private static void FailIfUndefined(object? a, object? b)
    {
        if (a is Undefined ua)
        {
            throw ua.Error();
        }

        if (b is Undefined ub)
        {
            throw ub.Error();
        }
    }

    private static long CheckedInt(long x, long y, char operation)
    {
        try
        {
            return operation switch
            {
                '+' => checked(x + y),
                '-' => checked(x - y),
                _ => checked(x * y),
            };
        }
        catch (OverflowException)
        {
            throw new TemplateException("integer overflow: the template engine supports 64-bit integers only");
        }
    }
}
