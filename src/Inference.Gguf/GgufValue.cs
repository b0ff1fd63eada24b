using System.Globalization;
using System.Text;

namespace Inference.Gguf;

/// <summary>
/// One metadata value: a scalar, a string, or an array of them (arrays may nest).
/// Values are immutable; arrays are handed out as the arrays they were built from, so do not mutate them.
/// </summary>
public sealed class GgufValue : IEquatable<GgufValue>
{
    private readonly object _value;

    private GgufValue(GgufValueType type, object value, GgufValueType elementType = default)
    {
        Type = type;
        ElementType = elementType;
        _value = value;
    }

    public GgufValueType Type { get; }

    /// <summary>For arrays, the type of each element; meaningless otherwise.</summary>
    public GgufValueType ElementType { get; }

    public bool IsArray => Type == GgufValueType.Array;

    /// <summary>The element count of an array.</summary>
    public int ArrayLength => ((Array)ArrayValue).Length;

    /// <summary>The boxed scalar, the string, or the element array (<c>byte[]</c> … <c>string[]</c>, <c>GgufValue[]</c> for nested arrays).</summary>
    public object RawValue => _value;

    private object ArrayValue => IsArray ? _value : throw WrongType("an array");

    public static GgufValue UInt8(byte value) => new(GgufValueType.UInt8, value);
    public static GgufValue Int8(sbyte value) => new(GgufValueType.Int8, value);
    public static GgufValue UInt16(ushort value) => new(GgufValueType.UInt16, value);
    public static GgufValue Int16(short value) => new(GgufValueType.Int16, value);
    public static GgufValue UInt32(uint value) => new(GgufValueType.UInt32, value);
    public static GgufValue Int32(int value) => new(GgufValueType.Int32, value);
    public static GgufValue UInt64(ulong value) => new(GgufValueType.UInt64, value);
    public static GgufValue Int64(long value) => new(GgufValueType.Int64, value);
    public static GgufValue Float32(float value) => new(GgufValueType.Float32, value);
    public static GgufValue Float64(double value) => new(GgufValueType.Float64, value);
    public static GgufValue Bool(bool value) => new(GgufValueType.Bool, value);

    public static GgufValue String(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(GgufValueType.String, value);
    }

    public static GgufValue Array(byte[] values) => MakeArray(GgufValueType.UInt8, values);
    public static GgufValue Array(sbyte[] values) => MakeArray(GgufValueType.Int8, values);
    public static GgufValue Array(ushort[] values) => MakeArray(GgufValueType.UInt16, values);
    public static GgufValue Array(short[] values) => MakeArray(GgufValueType.Int16, values);
    public static GgufValue Array(uint[] values) => MakeArray(GgufValueType.UInt32, values);
    public static GgufValue Array(int[] values) => MakeArray(GgufValueType.Int32, values);
    public static GgufValue Array(ulong[] values) => MakeArray(GgufValueType.UInt64, values);
    public static GgufValue Array(long[] values) => MakeArray(GgufValueType.Int64, values);
    public static GgufValue Array(float[] values) => MakeArray(GgufValueType.Float32, values);
    public static GgufValue Array(double[] values) => MakeArray(GgufValueType.Float64, values);
    public static GgufValue Array(bool[] values) => MakeArray(GgufValueType.Bool, values);

    public static GgufValue Array(string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (System.Array.IndexOf(values, null) >= 0)
        {
            throw new ArgumentException("String arrays cannot hold null.", nameof(values));
        }

        return MakeArray(GgufValueType.String, values);
    }

    /// <summary>An array whose elements are arrays themselves (each with its own element type).</summary>
    public static GgufValue Array(GgufValue[] arrays)
    {
        ArgumentNullException.ThrowIfNull(arrays);
        if (arrays.Any(element => element is null || !element.IsArray))
        {
            throw new ArgumentException("Every element of a nested array must itself be an array.", nameof(arrays));
        }

        return MakeArray(GgufValueType.Array, arrays);
    }

    public string AsString() => Type == GgufValueType.String ? (string)_value : throw WrongType("a string");

    public bool AsBool() => Type == GgufValueType.Bool ? (bool)_value : throw WrongType("a bool");

    /// <summary>Any integer type, widened; throws for a u64 above <see cref="long.MaxValue"/>.</summary>
    public long AsInt64() => _value switch
    {
        byte v => v,
        sbyte v => v,
        ushort v => v,
        short v => v,
        uint v => v,
        int v => v,
        long v => v,
        ulong v when v <= long.MaxValue => (long)v,
        ulong => throw new InvalidOperationException($"The u64 value {_value} does not fit in an i64."),
        _ => throw WrongType("an integer"),
    };

    /// <summary>Either float type, or any integer type converted.</summary>
    public double AsDouble() => _value switch
    {
        float v => v,
        double v => v,
        _ when !IsArray && Type != GgufValueType.String && Type != GgufValueType.Bool => AsInt64(),
        _ => throw WrongType("a number"),
    };

    /// <summary>The elements of an array of <typeparamref name="T"/> (<c>string</c> for string arrays, <see cref="GgufValue"/> for nested ones).</summary>
    public T[] AsArray<T>() => ArrayValue as T[] ?? throw WrongType($"an array of {typeof(T).Name}");

    public bool Equals(GgufValue? other)
    {
        if (other is null || other.Type != Type || other.ElementType != ElementType)
        {
            return false;
        }

        if (!IsArray)
        {
            return _value.Equals(other._value);
        }

        var mine = (System.Array)_value;
        var theirs = (System.Array)other._value;
        if (mine.Length != theirs.Length)
        {
            return false;
        }

        for (var i = 0; i < mine.Length; i++)
        {
            if (!Equals(mine.GetValue(i), theirs.GetValue(i)))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as GgufValue);

    public override int GetHashCode() => HashCode.Combine(Type, ElementType, IsArray ? ArrayLength : _value.GetHashCode());

    /// <summary>The value as text; arrays longer than <paramref name="maxElements"/> are cut with a count of the rest.</summary>
    public string ToString(int maxElements)
    {
        if (!IsArray)
        {
            return _value switch
            {
                string s => s,
                bool b => b ? "true" : "false",
                float f => f.ToString("R", CultureInfo.InvariantCulture),
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                _ => Convert.ToString(_value, CultureInfo.InvariantCulture) ?? "",
            };
        }

        var elements = (System.Array)_value;
        var shown = Enumerable.Range(0, Math.Min(elements.Length, maxElements))
            .Select(i => elements.GetValue(i) switch
            {
                string s => Quote(s),
                GgufValue nested => nested.ToString(maxElements),
                var element => new GgufValue(ElementType, element!).ToString(maxElements),
            });
        var rest = elements.Length > maxElements ? $", ... {elements.Length - maxElements} more" : "";
        return $"[{string.Join(", ", shown)}{rest}]";
    }

    public override string ToString() => ToString(int.MaxValue);

    /// <summary>A string in double quotes for display, with quotes, backslashes and control characters escaped.</summary>
    public static string Quote(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var text = new StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < ' ' or '\x7f' => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }

        return text.Append('"').ToString();
    }

    private static GgufValue MakeArray(GgufValueType elementType, System.Array values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new GgufValue(GgufValueType.Array, values, elementType);
    }

    private InvalidOperationException WrongType(string wanted) =>
        new($"The value is {Describe()}, not {wanted}.");

    private string Describe() => IsArray ? $"an array of {ElementType}" : $"a {Type}";
}
