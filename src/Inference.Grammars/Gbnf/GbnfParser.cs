using System.Globalization;
using System.Text;

namespace Inference.Grammars;

/// <summary>
/// Parses GBNF following llama.cpp's <c>llama_grammar_parser</c> (src/llama-grammar.cpp): the same
/// lexical rules, the same expansion of groups and repetitions into generated rules, and the same
/// repetition limits, so what it accepts matches what the native sampler accepts.
/// </summary>
internal sealed class GbnfParser
{
    private const ulong MaxRepetitions = GbnfLimits.MaxRepetitions;

    private readonly string _text;
    private readonly Dictionary<string, int> _symbols = new(StringComparer.Ordinal);
    private readonly List<List<GbnfElement[]>?> _rules = [];
    private readonly Dictionary<int, int> _firstReference = [];
    private int _pos;

    private GbnfParser(string text)
    {
        _text = text;
    }

    public sealed record Result(IReadOnlyDictionary<string, int> Symbols, IReadOnlyList<List<GbnfElement[]>?> Rules, IReadOnlyDictionary<int, int> FirstReference);

    /// <exception cref="GbnfParseFailure">With the offset of the problem.</exception>
    public static Result Parse(string text)
    {
        var parser = new GbnfParser(text);
        var nul = text.IndexOf('\0', StringComparison.Ordinal);
        if (nul >= 0)
        {
            throw new GbnfParseFailure(nul, "the grammar contains a NUL character");
        }
        parser._pos = parser.SkipSpace(0, newlineOk: true);
        while (parser._pos < text.Length)
        {
            parser.ParseRule();
        }
        return new Result(parser._symbols, parser._rules, parser._firstReference);
    }

    private char Current => _pos < _text.Length ? _text[_pos] : '\0';

    private char At(int index) => index < _text.Length ? _text[index] : '\0';

    private void ParseRule()
    {
        var nameEnd = ParseName(_pos);
        var name = _text[_pos..nameEnd];
        var ruleId = SymbolId(name);
        _pos = SkipSpace(nameEnd, newlineOk: false);
        if (!_text.AsSpan(_pos).StartsWith("::=", StringComparison.Ordinal))
        {
            throw new GbnfParseFailure(_pos, "expected '::='");
        }
        _pos = SkipSpace(_pos + 3, newlineOk: true);
        ParseAlternates(name, ruleId, nested: false);

        if (Current == '\r')
        {
            _pos += At(_pos + 1) == '\n' ? 2 : 1;
        }
        else if (Current == '\n')
        {
            _pos++;
        }
        else if (_pos < _text.Length)
        {
            throw new GbnfParseFailure(_pos, $"expected newline or end of grammar, found '{Current}'");
        }
        _pos = SkipSpace(_pos, newlineOk: true);
    }

    private void ParseAlternates(string ruleName, int ruleId, bool nested)
    {
        var alternatives = new List<GbnfElement[]> { ParseSequence(ruleName, nested) };
        while (Current == '|')
        {
            _pos = SkipSpace(_pos + 1, newlineOk: true);
            alternatives.Add(ParseSequence(ruleName, nested));
        }
        SetRule(ruleId, alternatives);
    }

    private GbnfElement[] ParseSequence(string ruleName, bool nested)
    {
        var sequence = new List<GbnfElement>();
        var lastSymbolStart = 0;
        ulong previousRules = 1;
        while (_pos < _text.Length)
        {
            var c = Current;
            if (c == '"')
            {
                _pos++;
                lastSymbolStart = sequence.Count;
                previousRules = 1;
                while (Current != '"')
                {
                    RequireMore();
                    sequence.Add(GbnfElement.Char(ParseChar()));
                }
                _pos = SkipSpace(_pos + 1, nested);
            }
            else if (c == '[')
            {
                lastSymbolStart = sequence.Count;
                previousRules = 1;
                if (ParseClass() is { } element)
                {
                    sequence.Add(element);
                }
                _pos = SkipSpace(_pos, nested);
            }
            else if (c is '<' or '!')
            {
                ParseToken();
                lastSymbolStart = sequence.Count;
                previousRules = 1;
                sequence.Add(GbnfElement.Token());
                _pos = SkipSpace(_pos, nested);
            }
            else if (IsWordChar(c))
            {
                var nameEnd = ParseName(_pos);
                var id = SymbolId(_text[_pos..nameEnd]);
                _firstReference.TryAdd(id, _pos);
                _pos = SkipSpace(nameEnd, nested);
                lastSymbolStart = sequence.Count;
                previousRules = 1;
                sequence.Add(GbnfElement.Ref(id));
            }
            else if (c == '(')
            {
                _pos = SkipSpace(_pos + 1, newlineOk: true);
                var symbolsBefore = _symbols.Count;
                var groupId = GeneratedSymbolId(ruleName);
                ParseAlternates(ruleName, groupId, nested: true);
                previousRules = (ulong)Math.Max(1, _symbols.Count - symbolsBefore);
                lastSymbolStart = sequence.Count;
                sequence.Add(GbnfElement.Ref(groupId));
                if (Current != ')')
                {
                    throw new GbnfParseFailure(_pos, "expected ')'");
                }
                _pos = SkipSpace(_pos + 1, nested);
            }
            else if (c == '.')
            {
                lastSymbolStart = sequence.Count;
                previousRules = 1;
                sequence.Add(GbnfElement.Class([], negated: true));
                _pos = SkipSpace(_pos + 1, nested);
            }
            else if (c is '*' or '+' or '?')
            {
                var operatorPos = _pos;
                _pos = SkipSpace(_pos + 1, nested);
                var (min, max) = c switch { '*' => (0UL, (ulong?)null), '+' => (1UL, null), _ => (0UL, 1UL) };
                Repeat(ruleName, sequence, lastSymbolStart, ref previousRules, min, max, operatorPos);
            }
            else if (c == '{')
            {
                var operatorPos = _pos;
                var (min, max) = ParseBraces(nested);
                Repeat(ruleName, sequence, lastSymbolStart, ref previousRules, min, max, operatorPos);
            }
            else
            {
                break;
            }
        }
        return [.. sequence];
    }

    private (ulong Min, ulong? Max) ParseBraces(bool nested)
    {
        _pos = SkipSpace(_pos + 1, nested);
        if (!char.IsAsciiDigit(Current))
        {
            throw new GbnfParseFailure(_pos, "expected an integer");
        }
        var min = ParseInt();
        _pos = SkipSpace(_pos, nested);
        ulong? max;
        if (Current == '}')
        {
            max = min;
        }
        else if (Current == ',')
        {
            _pos = SkipSpace(_pos + 1, nested);
            max = null;
            if (char.IsAsciiDigit(Current))
            {
                max = ParseInt();
                _pos = SkipSpace(_pos, nested);
            }
            if (Current != '}')
            {
                throw new GbnfParseFailure(_pos, "expected '}'");
            }
        }
        else
        {
            throw new GbnfParseFailure(_pos, "expected ',' or '}'");
        }
        _pos = SkipSpace(_pos + 1, nested);
        if (min > MaxRepetitions)
        {
            throw new GbnfParseFailure(_pos, $"repetition count {min} is above the limit of {MaxRepetitions}");
        }
        return (min, max > MaxRepetitions ? null : max);
    }

    /// <summary>
    /// Rewrites the last symbol S as llama.cpp does: S{m,n} becomes m copies of S followed by a chain of
    /// generated optional rules; S{m,} ends in one generated rule <c>S' ::= S S' |</c>.
    /// </summary>
    private void Repeat(string ruleName, List<GbnfElement> sequence, int lastSymbolStart, ref ulong previousRules, ulong min, ulong? max, int operatorPos)
    {
        if (lastSymbolStart == sequence.Count)
        {
            throw new GbnfParseFailure(operatorPos, "expected an item before the repetition operator");
        }
        var totalRules = max is > 0 ? max.Value : Math.Max(min, 1);
        if (previousRules * totalRules > MaxRepetitions)
        {
            throw new GbnfParseFailure(operatorPos, "too many generated rules: the repeated item is too complex for this repetition count");
        }
        var repeated = sequence.GetRange(lastSymbolStart, sequence.Count - lastSymbolStart);
        if (min == 0)
        {
            sequence.RemoveRange(lastSymbolStart, sequence.Count - lastSymbolStart);
        }
        for (ulong i = 1; i < min; i++)
        {
            sequence.AddRange(repeated);
        }
        var optionalCount = max is { } m ? m - min : 1;
        var lastGenerated = 0;
        for (ulong i = 0; i < optionalCount; i++)
        {
            var generated = GeneratedSymbolId(ruleName);
            var body = new List<GbnfElement>(repeated);
            if (max is null)
            {
                body.Add(GbnfElement.Ref(generated));
            }
            else if (i > 0)
            {
                body.Add(GbnfElement.Ref(lastGenerated));
            }
            SetRule(generated, [[.. body], []]);
            lastGenerated = generated;
        }
        if (optionalCount > 0)
        {
            sequence.Add(GbnfElement.Ref(lastGenerated));
        }
        previousRules *= totalRules;
    }

    /// <summary>Parses <c>[...]</c>; an empty class yields no element, as in llama.cpp.</summary>
    private GbnfElement? ParseClass()
    {
        _pos++;
        var negated = Current == '^';
        if (negated)
        {
            _pos++;
        }
        var ranges = new List<(int From, int To)>();
        while (Current != ']')
        {
            RequireMore();
            var from = ParseChar();
            var to = from;
            if (Current == '-' && At(_pos + 1) != ']')
            {
                _pos++;
                RequireMore();
                to = ParseChar();
            }
            ranges.Add((from, to));
        }
        _pos++;
        return ranges.Count == 0 ? null : GbnfElement.Class([.. ranges], negated);
    }

    private void ParseToken()
    {
        if (Current == '!')
        {
            _pos++;
        }
        if (Current != '<')
        {
            throw new GbnfParseFailure(_pos, "expected '<'");
        }
        _pos++;
        if (Current == '[')
        {
            _pos++;
            if (!char.IsAsciiDigit(Current))
            {
                throw new GbnfParseFailure(_pos, "expected a token id");
            }
            ParseInt();
            if (Current != ']' || At(_pos + 1) != '>')
            {
                throw new GbnfParseFailure(_pos, "expected ']>'");
            }
            _pos += 2;
            return;
        }
        var close = _text.IndexOf('>', _pos);
        if (close < 0)
        {
            throw new GbnfParseFailure(_pos, "expected '>'");
        }
        _pos = close + 1;
    }

    private int ParseChar()
    {
        if (Current != '\\')
        {
            var rune = Rune.GetRuneAt(_text, _pos);
            _pos += rune.Utf16SequenceLength;
            return rune.Value;
        }
        var escape = At(_pos + 1);
        _pos += 2;
        switch (escape)
        {
            case 'x': return ParseHex(2);
            case 'u': return ParseHex(4);
            case 'U': return ParseHex(8);
            case 't': return '\t';
            case 'r': return '\r';
            case 'n': return '\n';
            case '\\' or '"' or '[' or ']' or '-': return escape;
            default: throw new GbnfParseFailure(_pos - 2, $"unknown escape '\\{escape}'");
        }
    }

    private int ParseHex(int digits)
    {
        var start = _pos;
        var end = Math.Min(_pos + digits, _text.Length);
        while (_pos < end && char.IsAsciiHexDigit(_text[_pos]))
        {
            _pos++;
        }
        if (_pos - start != digits)
        {
            throw new GbnfParseFailure(start, $"expected {digits} hex digits");
        }
        return (int)uint.Parse(_text.AsSpan(start, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }

    private ulong ParseInt()
    {
        var start = _pos;
        while (char.IsAsciiDigit(Current))
        {
            _pos++;
        }
        return ulong.TryParse(_text.AsSpan(start, _pos - start), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new GbnfParseFailure(start, "integer out of range");
    }

    private int ParseName(int start)
    {
        var end = start;
        while (IsWordChar(At(end)))
        {
            end++;
        }
        return end > start ? end : throw new GbnfParseFailure(start, "expected a rule name");
    }

    private void RequireMore()
    {
        if (_pos >= _text.Length)
        {
            throw new GbnfParseFailure(_pos, "unexpected end of grammar");
        }
    }

    private int SkipSpace(int pos, bool newlineOk)
    {
        while (pos < _text.Length)
        {
            var c = _text[pos];
            if (c == '#')
            {
                while (pos < _text.Length && _text[pos] is not ('\r' or '\n'))
                {
                    pos++;
                }
            }
            else if (c is ' ' or '\t' || newlineOk && c is '\r' or '\n')
            {
                pos++;
            }
            else
            {
                break;
            }
        }
        return pos;
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '-';

    private int SymbolId(string name)
    {
        if (!_symbols.TryGetValue(name, out var id))
        {
            id = _symbols.Count;
            _symbols[name] = id;
        }
        return id;
    }

    private int GeneratedSymbolId(string baseName)
    {
        var id = _symbols.Count;
        _symbols[$"{baseName}_{id}"] = id;
        return id;
    }

    private void SetRule(int id, List<GbnfElement[]> alternatives)
    {
        while (_rules.Count <= id)
        {
            _rules.Add(null);
        }
        _rules[id] = alternatives;
    }
}

/// <summary>Internal signal from <see cref="GbnfParser"/>: what went wrong, and at which offset.</summary>
internal sealed class GbnfParseFailure(int offset, string message) : Exception(message)
{
    public int Offset { get; } = offset;
}
