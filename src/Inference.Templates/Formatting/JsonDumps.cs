using System.Globalization;
using System.Text;
using Inference.Templates.Runtime;

namespace Inference.Templates.Formatting;

/// <summary>
/// Python's <c>json.dumps(obj, ensure_ascii, indent, separators, sort_keys)</c>, byte for byte: default
/// separators <c>", "</c> and <c>": "</c> (item separator <c>","</c> once indenting), floats as Python repr,
/// NaN/Infinity literals, lowercase <c>\uXXXX</c> escapes.
/// </summary>
internal sealed class JsonDumps
{
    private readonly bool _ensureAscii;
    private readonly string? _indent;
    private readonly string _itemSeparator;
    private readonly string _keySeparator;
    private readonly bool _sortKeys;
    /// <summary>Reused per thread: templates serialize several small objects per render.</summary>
    [ThreadStatic]
    private static StringBuilder? t_cachedOutput;

    private readonly StringBuilder _output;

    private JsonDumps(bool ensureAscii, string? indent, string itemSeparator, string keySeparator, bool sortKeys)
    {
        _ensureAscii = ensureAscii;
        _indent = indent;
        _itemSeparator = itemSeparator;
        _keySeparator = keySeparator;
        _sortKeys = sortKeys;
        _output = t_cachedOutput ?? new StringBuilder(256);
        t_cachedOutput = null;
    }

    /// <param name="indent">null for one line; an int (spaces) or a string per level.</param>
    /// <param name="separators">null for the defaults, or a two-item sequence (item, key).</param>
    public static string Serialize(object? value, bool ensureAscii = false, object? indent = null, object? separators = null, bool sortKeys = false)
    {
        var indentText = indent switch
        {
            null => null,
            long spaces => new string(' ', (int)Math.Max(0, spaces)),
            bool single => single ? " " : string.Empty,
            string text => text,
            _ => throw new TemplateException($"indent must be an int or a string, not {PyTypes.Name(indent)}"),
        };

        var (itemSeparator, keySeparator) = (indentText is null ? ", " : ",", ": ");
        if (separators is not null)
        {
            var pair = PyOps.ToList(separators);
            if (pair.Count != 2 || pair[0] is not string item || pair[1] is not string key)
            {
                throw new TemplateException("separators must be a (item_separator, key_separator) pair of strings");
            }

            (itemSeparator, keySeparator) = (item, key);
        }

        var dumps = new JsonDumps(ensureAscii, indentText, itemSeparator, keySeparator, sortKeys);
        try
        {
            dumps.Write(value, 0);
            return dumps._output.ToString();
        }
        finally
        {
            t_cachedOutput = dumps._output.Clear();
        }
    }

    private void Write(object? value, int level)
    {
        switch (value)
        {
            case null:
                _output.Append("null");
                break;
            case bool b:
                _output.Append(b ? "true" : "false");
                break;
            case long l:
                _output.Append(l);
                break;
            case double d:
                _output.Append(FloatLiteral(d));
                break;
            case string s:
                WriteString(s);
                break;
            case Markup markup:
                WriteString(markup.Text);
                break;
            case List<object?> or PyTuple:
                WriteArray((IReadOnlyList<object?>)value, level);
                break;
            case PyDict dict:
                WriteObject(dict, level);
                break;
            default:
                throw new TemplateException($"Object of type {PyTypes.Name(value)} is not JSON serializable");
        }
    }

    private void WriteArray(IReadOnlyList<object?> items, int level)
    {
        if (items.Count == 0)
        {
            _output.Append("[]");
            return;
        }

        _output.Append('[');
        for (var i = 0; i < items.Count; i++)
        {
            WriteSeparator(i == 0, level + 1);
            Write(items[i], level + 1);
        }

        WriteClosingIndent(level);
        _output.Append(']');
    }

    private void WriteObject(PyDict dict, int level)
    {
        if (dict.Count == 0)
        {
            _output.Append("{}");
            return;
        }

        IEnumerable<KeyValuePair<object, object?>> entries = dict;
        if (_sortKeys)
        {
            entries = dict.OrderBy(entry => entry.Key, Comparer<object>.Create((a, b) => PyOps.Compare(a, b)));
        }

        _output.Append('{');
        var first = true;
        foreach (var (key, value) in entries)
        {
            WriteSeparator(first, level + 1);
            first = false;
            WriteString(KeyText(key));
            _output.Append(_keySeparator);
            Write(value, level + 1);
        }

        WriteClosingIndent(level);
        _output.Append('}');
    }

    private void WriteSeparator(bool first, int level)
    {
        if (!first)
        {
            _output.Append(_itemSeparator);
        }

        if (_indent is not null)
        {
            _output.Append('\n');
            for (var i = 0; i < level; i++)
            {
                _output.Append(_indent);
            }
        }
    }

    private void WriteClosingIndent(int level)
    {
        if (_indent is not null)
        {
            _output.Append('\n');
            for (var i = 0; i < level; i++)
            {
                _output.Append(_indent);
            }
        }
    }

    private static string KeyText(object key) => key switch
    {
        string s => s,
        Markup markup => markup.Text,
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => FloatLiteral(d),
        _ => throw new TemplateException($"keys must be str, int, float, bool or None, not {PyTypes.Name(key)}"),
    };

    private static string FloatLiteral(double d) => double.IsNaN(d) ? "NaN"
        : double.IsPositiveInfinity(d) ? "Infinity"
        : double.IsNegativeInfinity(d) ? "-Infinity"
        : FloatRepr.Format(d);

    private void WriteString(string s)
    {
        _output.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"':
                    _output.Append("\\\"");
                    break;
                case '\\':
                    _output.Append("\\\\");
                    break;
                case '\n':
                    _output.Append("\\n");
                    break;
                case '\r':
                    _output.Append("\\r");
                    break;
                case '\t':
                    _output.Append("\\t");
                    break;
                case '\b':
                    _output.Append("\\b");
                    break;
                case '\f':
                    _output.Append("\\f");
                    break;
                default:
                    if (c < 0x20 || (_ensureAscii && c > 0x7E))
                    {
                        _output.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        _output.Append(c);
                    }

                    break;
            }
        }

        _output.Append('"');
    }
}
