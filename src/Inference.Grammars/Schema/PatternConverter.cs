using System.Globalization;
using System.Text;

namespace Inference.Grammars;

/// <summary>
/// Turns a JSON Schema <c>pattern</c> (ECMAScript regex subset) into GBNF for the JSON string that holds a
/// matching value. Characters that JSON must escape are written in escaped form. Supported: literals,
/// escapes, <c>.</c>, classes, <c>\d\w\s</c> and negations, groups, <c>(?:</c>, alternation, greedy and lazy
/// quantifiers, <c>^</c>/<c>$</c> at the ends. Anything else is an <see cref="UnsupportedSchemaException"/>.
/// </summary>
internal sealed class PatternConverter
{
    private readonly GbnfBuilder _builder;
    private readonly string _pattern;
    private readonly string _ruleName;
    private readonly string _path;
    private int _pos;
    private int _subRules;

    private PatternConverter(GbnfBuilder builder, string pattern, string ruleName, string path)
    {
        _builder = builder;
        _pattern = pattern;
        _ruleName = ruleName;
        _path = path;
    }

    /// <summary>Returns a GBNF expression matching the quoted JSON string.</summary>
    public static string Convert(GbnfBuilder builder, string pattern, string ruleName, string path) =>
        new PatternConverter(builder, pattern, ruleName, path).Convert();

    private string Convert()
    {
        var anchoredStart = _pattern.StartsWith('^');
        var anchoredEnd = _pattern.EndsWith('$') && !EndsWithEscapedDollar();
        _pos = anchoredStart ? 1 : 0;
        var end = anchoredEnd ? _pattern.Length - 1 : _pattern.Length;
        var body = ParseAlternation(end);
        if (_pos != end)
        {
            throw Invalid($"unexpected '{_pattern[_pos]}' at offset {_pos}");
        }

        var parts = new List<string> { "\"\\\"\"" };
        var anyChars = anchoredStart && anchoredEnd ? null : JsonPrimitiveRules.AddTo(_builder, "char") + "*";
        if (!anchoredStart)
        {
            parts.Add(anyChars!);
        }
        if (body.Length > 0)
        {
            parts.Add(Gbnf.GroupAlternatives(body));
        }
        if (!anchoredEnd)
        {
            parts.Add(anyChars!);
        }
        parts.Add("\"\\\"\"");
        return string.Join(" ", parts);
    }

    private bool EndsWithEscapedDollar()
    {
        var backslashes = 0;
        for (var i = _pattern.Length - 2; i >= 0 && _pattern[i] == '\\'; i--)
        {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    private string ParseAlternation(int end)
    {
        var alternatives = new List<string> { ParseSequence(end) };
        while (_pos < end && _pattern[_pos] == '|')
        {
            _pos++;
            alternatives.Add(ParseSequence(end));
        }
        return alternatives.Count == 1 ? alternatives[0] : string.Join(" | ", alternatives.Select(a => a.Length == 0 ? "\"\"" : a));
    }

    private string ParseSequence(int end)
    {
        var items = new List<string>();
        while (_pos < end && _pattern[_pos] is not ('|' or ')'))
        {
            var atom = ParseAtom(end);
            items.Add(ParseQuantifier(atom, end));
        }
        return string.Join(" ", items);
    }

    private string ParseAtom(int end)
    {
        var c = _pattern[_pos];
        switch (c)
        {
            case '(':
                return ParseGroup(end);
            case '[':
                return JsonCharSet(ParseClass(end));
            case '.':
                _pos++;
                return JsonCharSet(CharSet.AnyButNewline());
            case '\\':
                return ParseEscapeAtom(end);
            case '^' or '$':
                throw Unsupported($"anchor '{c}' inside the pattern");
            case '*' or '+' or '?' or '{':
                throw Invalid($"nothing to repeat at offset {_pos}");
            default:
                var rune = Rune.GetRuneAt(_pattern, _pos);
                _pos += rune.Utf16SequenceLength;
                return JsonChar(rune.Value);
        }
    }

    private string ParseGroup(int end)
    {
        _pos++;
        if (_pos < end && _pattern[_pos] == '?')
        {
            if (_pos + 1 < end && _pattern[_pos + 1] == ':')
            {
                _pos += 2;
            }
            else
            {
                throw Unsupported("lookaround, named groups and inline flags");
            }
        }
        var inner = ParseAlternation(end);
        if (_pos >= end || _pattern[_pos] != ')')
        {
            throw Invalid("unbalanced parentheses");
        }
        _pos++;
        return inner.Length == 0 ? "\"\"" : $"({inner})";
    }

    private string ParseQuantifier(string atom, int end)
    {
        if (_pos >= end)
        {
            return atom;
        }
        string quantified;
        switch (_pattern[_pos])
        {
            case '*' or '+' or '?':
                quantified = Gbnf.Group(atom) + _pattern[_pos];
                _pos++;
                break;
            case '{':
                var (min, max) = ParseBraces(end);
                quantified = Repeat(atom, min, max);
                break;
            default:
                return atom;
        }
        if (_pos < end && _pattern[_pos] == '?')
        {
            _pos++; // lazy: same language under full-match semantics
        }
        else if (_pos < end && _pattern[_pos] == '+')
        {
            throw Unsupported("possessive quantifiers");
        }
        return quantified;
    }

    private (int Min, int? Max) ParseBraces(int end)
    {
        var close = _pattern.IndexOf('}', _pos);
        if (close < 0 || close >= end)
        {
            throw Invalid("unterminated '{'");
        }
        var inside = _pattern[(_pos + 1)..close];
        _pos = close + 1;
        var parts = inside.Split(',');
        if (parts.Length > 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var min))
        {
            throw Invalid($"bad repetition '{{{inside}}}'");
        }
        int? max = min;
        if (parts.Length == 2)
        {
            max = parts[1].Length == 0 ? null
                : int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m
                : throw Invalid($"bad repetition '{{{inside}}}'");
        }
        if (max < min)
        {
            throw Invalid($"repetition '{{{inside}}}' has max below min");
        }
        // Larger maxima are capped (a safe subset); larger minima cannot be expressed.
        if (min > GbnfLimits.MaxRepetitions)
        {
            throw Unsupported($"repetition count {min} is above {GbnfLimits.MaxRepetitions}");
        }
        return (min, max is > GbnfLimits.MaxRepetitions ? GbnfLimits.MaxRepetitions : max);
    }

    /// <summary>Counted repetition of a group goes through a named rule so llama.cpp's rule-count limit holds.</summary>
    private string Repeat(string atom, int min, int? max)
    {
        var item = atom.StartsWith('(') ? _builder.AddRule($"{_ruleName}-{++_subRules}", atom[1..^1]) : Gbnf.Group(atom);
        return max == min ? $"{item}{{{min}}}" : $"{item}{{{min},{max?.ToString(CultureInfo.InvariantCulture)}}}";
    }

    private string ParseEscapeAtom(int end)
    {
        if (_pos + 1 >= end)
        {
            throw Invalid("trailing backslash");
        }
        return ClassEscape(_pattern[_pos + 1]) is { } set ? Consume(2, JsonCharSet(set)) : JsonChar(ParseEscapedChar(end));
    }

    private string Consume(int count, string result)
    {
        _pos += count;
        return result;
    }

    private static CharSet? ClassEscape(char letter) => letter switch
    {
        'd' => CharSet.Digits(),
        'D' => CharSet.Digits().Negate(),
        'w' => CharSet.Word(),
        'W' => CharSet.Word().Negate(),
        's' => CharSet.Whitespace(),
        'S' => CharSet.Whitespace().Negate(),
        _ => null,
    };

    /// <summary>Reads one escaped literal character (after the backslash) and returns its code point.</summary>
    private int ParseEscapedChar(int end)
    {
        var letter = _pattern[_pos + 1];
        _pos += 2;
        switch (letter)
        {
            case 'n': return '\n';
            case 't': return '\t';
            case 'r': return '\r';
            case 'f': return '\f';
            case 'v': return '\v';
            case '0': return 0;
            case 'x': return ParseHex(2, end);
            case 'u': return ParseHex(4, end);
            case 'b' or 'B': throw Unsupported("word boundaries");
            case 'p' or 'P': throw Unsupported("unicode property classes");
            case 'k': throw Unsupported("named backreferences");
            case >= '1' and <= '9': throw Unsupported("backreferences");
            case >= 'a' and <= 'z' or >= 'A' and <= 'Z': throw Unsupported($"escape '\\{letter}'");
            default: return letter;
        }
    }

    private int ParseHex(int digits, int end)
    {
        if (_pos + digits > end || !int.TryParse(_pattern.AsSpan(_pos, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            throw Invalid($"expected {digits} hex digits at offset {_pos}");
        }
        _pos += digits;
        return value;
    }

    private CharSet ParseClass(int end)
    {
        _pos++;
        var set = new CharSet(negated: _pos < end && _pattern[_pos] == '^');
        if (set.Negated)
        {
            _pos++;
        }
        while (_pos < end && _pattern[_pos] != ']')
        {
            if (_pattern[_pos] == '\\' && _pos + 1 < end && ClassEscape(_pattern[_pos + 1]) is { } escaped)
            {
                if (escaped.Negated)
                {
                    throw Unsupported("negated shorthand (\\D, \\W, \\S) inside a character class");
                }
                set.AddAll(escaped);
                _pos += 2;
                continue;
            }
            var from = ParseClassChar(end);
            if (_pos + 1 < end && _pattern[_pos] == '-' && _pattern[_pos + 1] != ']')
            {
                _pos++;
                var to = ParseClassChar(end);
                if (to < from)
                {
                    throw Invalid("character range out of order");
                }
                set.Add(from, to);
            }
            else
            {
                set.Add(from, from);
            }
        }
        if (_pos >= end)
        {
            throw Invalid("unterminated character class");
        }
        _pos++;
        return set;
    }

    private int ParseClassChar(int end)
    {
        if (_pattern[_pos] == '\\')
        {
            if (_pos + 1 >= end)
            {
                throw Invalid("trailing backslash");
            }
            if (_pattern[_pos + 1] == 'b')
            {
                _pos += 2;
                return '\b';
            }
            return ParseEscapedChar(end);
        }
        var rune = Rune.GetRuneAt(_pattern, _pos);
        _pos += rune.Utf16SequenceLength;
        return rune.Value;
    }

    /// <summary>One decoded character, written as it appears inside a JSON string.</summary>
    private static string JsonChar(int codePoint) => Gbnf.Literal(JsonEscape.Char(codePoint));


    /// <summary>
    /// A set of decoded characters as JSON string text: plain characters through a class, the ones JSON
    /// escapes as their escape sequences. Other control characters are left out (a safe subset).
    /// </summary>
    private static string JsonCharSet(CharSet set)
    {
        var plain = new StringBuilder(set.Negated ? "[^" : "[");
        foreach (var (from, to) in set.Ranges)
        {
            AppendPlainRange(plain, from, to, set.Negated);
        }
        if (set.Negated)
        {
            plain.Append("\"\\\\\\x00-\\x1F");
        }
        plain.Append(']');

        var alternatives = new List<string>();
        if (plain.ToString() != "[]")
        {
            alternatives.Add(plain.ToString());
        }
        foreach (var special in new[] { '"', '\\', '\n', '\r', '\t' })
        {
            if (set.Contains(special))
            {
                alternatives.Add(JsonChar(special));
            }
        }
        if (alternatives.Count == 0)
        {
            throw new InvalidOperationException("empty character set");
        }
        return alternatives.Count == 1 ? alternatives[0] : $"({string.Join(" | ", alternatives)})";
    }

    /// <summary>Writes the part of a range JSON allows unescaped (or, for negated sets, the whole range).</summary>
    private static void AppendPlainRange(StringBuilder sb, int from, int to, bool negated)
    {
        if (negated)
        {
            AppendRange(sb, from, to);
            return;
        }
        foreach (var (f, t) in SplitAround(from, to))
        {
            AppendRange(sb, f, t);
        }
    }

    /// <summary>Cuts control characters, '"' and '\' out of a range.</summary>
    private static IEnumerable<(int From, int To)> SplitAround(int from, int to)
    {
        int[] excluded = ['"', '\\'];
        var start = Math.Max(from, 0x20);
        foreach (var x in excluded)
        {
            if (x >= start && x <= to)
            {
                if (x > start)
                {
                    yield return (start, x - 1);
                }
                start = x + 1;
            }
        }
        if (start <= to)
        {
            yield return (start, to);
        }
    }

    private static void AppendRange(StringBuilder sb, int from, int to)
    {
        sb.Append(Gbnf.ClassChar(from));
        if (to != from)
        {
            sb.Append('-').Append(Gbnf.ClassChar(to));
        }
    }

    private UnsupportedSchemaException Unsupported(string what) =>
        new(["pattern"], _path, $"{what} in pattern '{_pattern}'");

    private InvalidSchemaException Invalid(string what) =>
        new($"invalid pattern '{_pattern}': {what}", _path);
}
