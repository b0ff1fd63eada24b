using System.Globalization;
using Inference.Templates.Runtime;

namespace Inference.Templates.Syntax;

/// <summary>
/// Splits template source into tokens exactly like Jinja's lexer configured with <c>trim_blocks</c> and
/// <c>lstrip_blocks</c>: <c>{%-</c>/<c>-%}</c> strip all adjacent whitespace, <c>%}</c> and <c>#}</c> eat one
/// following newline, spaces and tabs before a block or comment tag at the start of a line are removed,
/// <c>+</c> disables stripping, and one trailing newline of the template is dropped.
/// </summary>
internal sealed class Lexer
{
    private const string Operators = "+-/*%~[](){}><=.:|,;";
    private static readonly string[] TwoCharOperators = ["//", "**", "==", "!=", ">=", "<="];

    private readonly string _source;
    private readonly List<Token> _tokens = [];
    private readonly Stack<char> _openBrackets = new();
    private int _position;
    private int _line = 1;

    private Lexer(string source)
    {
        _source = source;
    }

    public static List<Token> Tokenize(string source)
    {
        var lexer = new Lexer(NormalizeNewlines(source));
        lexer.Run();
        lexer._tokens.Add(new Token(TokenKind.Eof, string.Empty, lexer._line));
        return lexer._tokens;
    }

    public static TemplateException SyntaxError(string message, int line) =>
        new($"{message} (line {line})", TemplateErrorKind.Syntax);

    /// <summary>Jinja turns every \r\n and \r into \n, then removes a single trailing newline.</summary>
    private static string NormalizeNewlines(string source)
    {
        var normalized = source.Contains('\r', StringComparison.Ordinal)
            ? source.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n')
            : source;
        return normalized.EndsWith('\n') ? normalized[..^1] : normalized;
    }

    private void Run()
    {
        while (_position < _source.Length)
        {
            var tagStart = FindTagStart(_position);
            if (tagStart < 0)
            {
                EmitData(_source[_position..]);
                Advance(_source.Length);
                return;
            }

            var marker = _source[tagStart + 1];
            var signIndex = tagStart + 2;
            var sign = signIndex < _source.Length && _source[signIndex] is '-' or '+' ? _source[signIndex] : '\0';
            var text = StripBeforeTag(_source[_position..tagStart], sign, stripsLine: marker != '{', _position);
            EmitData(text);
            Advance(tagStart);

            var rawBodyStart = marker == '%' ? MatchRawBegin(tagStart) : -1;
            if (rawBodyStart >= 0)
            {
                Advance(rawBodyStart);
                LexRawBody();
                continue;
            }

            var afterBegin = signIndex + (sign == '\0' ? 0 : 1);
            switch (marker)
            {
                case '#':
                    Advance(afterBegin);
                    SkipComment();
                    break;
                case '%':
                    _tokens.Add(new Token(TokenKind.BlockBegin, "{%", _line));
                    Advance(afterBegin);
                    LexTag(TokenKind.BlockEnd);
                    break;
                default:
                    _tokens.Add(new Token(TokenKind.VariableBegin, "{{", _line));
                    Advance(afterBegin);
                    LexTag(TokenKind.VariableEnd);
                    break;
            }
        }
    }

    private int FindTagStart(int from)
    {
        for (var i = _source.IndexOf('{', from); i >= 0 && i + 1 < _source.Length; i = _source.IndexOf('{', i + 1))
        {
            if (_source[i + 1] is '{' or '%' or '#')
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Whitespace control for the text before a tag: <c>-</c> strips all trailing whitespace; otherwise, for
    /// block and comment tags, lstrip_blocks removes spaces and tabs between the line start and the tag.
    /// </summary>
    private string StripBeforeTag(string text, char sign, bool stripsLine, int textStart)
    {
        if (sign == '-')
        {
            var end = text.Length;
            while (end > 0 && PyString.IsSpace(text[end - 1]))
            {
                end--;
            }

            return text[..end];
        }

        if (sign == '+' || !stripsLine)
        {
            return text;
        }

        var lineStart = text.LastIndexOf('\n') + 1;
        var atLineStart = lineStart > 0 || textStart == 0 || _source[textStart - 1] == '\n';
        if (atLineStart && text.AsSpan(lineStart).TrimStart(" \t").IsEmpty)
        {
            return text[..lineStart];
        }

        return text;
    }

    /// <summary>Matches <c>{%[-+]? raw [-]?%}</c> at <paramref name="tagStart"/>; returns where the raw body starts, or -1.</summary>
    private int MatchRawBegin(int tagStart)
    {
        var i = tagStart + 2;
        if (i < _source.Length && _source[i] is '-' or '+')
        {
            i++;
        }

        i = SkipSpace(i);
        if (!StartsWith(i, "raw"))
        {
            return -1;
        }

        i = SkipSpace(i + 3);
        if (StartsWith(i, "-%}"))
        {
            return SkipSpace(i + 3);
        }

        return StartsWith(i, "%}") ? i + 2 : -1;
    }

    private void LexRawBody()
    {
        for (var tag = _source.IndexOf("{%", _position, StringComparison.Ordinal); tag >= 0; tag = _source.IndexOf("{%", tag + 1, StringComparison.Ordinal))
        {
            var i = tag + 2;
            var sign = i < _source.Length && _source[i] is '-' or '+' ? _source[i++] : '\0';
            i = SkipSpace(i);
            if (!StartsWith(i, "endraw"))
            {
                continue;
            }

            var end = MatchBlockEnd(SkipSpace(i + 6));
            if (end < 0)
            {
                continue;
            }

            EmitData(StripBeforeTag(_source[_position..tag], sign, stripsLine: true, _position));
            Advance(end);
            return;
        }

        throw SyntaxError("Missing end of raw directive", _line);
    }

    private void SkipComment()
    {
        for (var i = _position; i < _source.Length; i++)
        {
            if (StartsWith(i, "+#}"))
            {
                Advance(i + 3);
                return;
            }

            if (StartsWith(i, "-#}"))
            {
                Advance(SkipSpace(i + 3));
                return;
            }

            if (StartsWith(i, "#}"))
            {
                var end = i + 2;
                Advance(end < _source.Length && _source[end] == '\n' ? end + 1 : end);
                return;
            }
        }

        throw SyntaxError("Missing end of comment tag", _line);
    }

    /// <summary>Matches a block end (<c>+%}</c>, <c>-%}</c> plus whitespace, or <c>%}</c> plus one newline); returns its end or -1.</summary>
    private int MatchBlockEnd(int i)
    {
        if (StartsWith(i, "+%}"))
        {
            return i + 3;
        }

        if (StartsWith(i, "-%}"))
        {
            return SkipSpace(i + 3);
        }

        if (StartsWith(i, "%}"))
        {
            return i + 2 < _source.Length && _source[i + 2] == '\n' ? i + 3 : i + 2;
        }

        return -1;
    }

    private int MatchVariableEnd(int i)
    {
        if (StartsWith(i, "-}}"))
        {
            return SkipSpace(i + 3);
        }

        return StartsWith(i, "}}") ? i + 2 : -1;
    }

    /// <summary>Lexes the inside of <c>{% %}</c> or <c>{{ }}</c>; end delimiters count only outside brackets.</summary>
    private void LexTag(TokenKind endKind)
    {
        _openBrackets.Clear();
        while (_position < _source.Length)
        {
            if (_openBrackets.Count == 0)
            {
                var end = endKind == TokenKind.BlockEnd ? MatchBlockEnd(_position) : MatchVariableEnd(_position);
                if (end >= 0)
                {
                    _tokens.Add(new Token(endKind, endKind == TokenKind.BlockEnd ? "%}" : "}}", _line));
                    Advance(end);
                    return;
                }
            }

            var c = _source[_position];
            if (PyString.IsSpace(c))
            {
                Advance(SkipSpace(_position));
            }
            else if (char.IsAsciiDigit(c))
            {
                LexNumber();
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var end = _position + 1;
                while (end < _source.Length && (char.IsLetterOrDigit(_source[end]) || _source[end] == '_'))
                {
                    end++;
                }

                Emit(TokenKind.Name, string.Intern(_source[_position..end]), end);
            }
            else if (c is '\'' or '"')
            {
                LexString(c);
            }
            else
            {
                LexOperator(c);
            }
        }
    }

    private void LexNumber()
    {
        var start = _position;
        if (start == 0 || _source[start - 1] != '.')
        {
            var floatEnd = MatchFloat(start);
            if (floatEnd > 0)
            {
                var text = _source[start..floatEnd].Replace("_", string.Empty, StringComparison.Ordinal);
                Emit(TokenKind.Float, text, floatEnd, double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
                return;
            }
        }

        var (end, numberBase, digitsStart) = MatchInteger(start);
        var digits = _source[digitsStart..end].Replace("_", string.Empty, StringComparison.Ordinal);
        long value = 0;
        try
        {
            foreach (var digit in digits)
            {
                value = checked((value * numberBase) + Convert.ToInt32(digit.ToString(), 16));
            }
        }
        catch (OverflowException)
        {
            throw SyntaxError("integer literal too large", _line);
        }

        Emit(TokenKind.Integer, _source[start..end], end, PyOps.Box(value));
    }

    /// <summary>Jinja's float pattern: digits with an exponent and/or a fraction; returns the end or -1.</summary>
    private int MatchFloat(int start)
    {
        var integerEnd = MatchDigits(start);
        var fractionEnd = integerEnd < _source.Length && _source[integerEnd] == '.' ? MatchDigits(integerEnd + 1) : -1;
        var afterFraction = fractionEnd > 0 ? fractionEnd : integerEnd;
        if (afterFraction < _source.Length && _source[afterFraction] is 'e' or 'E')
        {
            var exponentStart = afterFraction + 1;
            if (exponentStart < _source.Length && _source[exponentStart] is '+' or '-')
            {
                exponentStart++;
            }

            var exponentEnd = MatchDigits(exponentStart);
            if (exponentEnd > 0)
            {
                return exponentEnd;
            }
        }

        return fractionEnd;
    }

    /// <summary>Matches <c>(\d+_)*\d+</c>; returns the end or -1.</summary>
    private int MatchDigits(int i)
    {
        if (i >= _source.Length || !char.IsAsciiDigit(_source[i]))
        {
            return -1;
        }

        while (true)
        {
            while (i < _source.Length && char.IsAsciiDigit(_source[i]))
            {
                i++;
            }

            if (i + 1 < _source.Length && _source[i] == '_' && char.IsAsciiDigit(_source[i + 1]))
            {
                i++;
                continue;
            }

            return i;
        }
    }

    /// <summary>Jinja's integer pattern: 0b/0o/0x prefixes, <c>[1-9](_?\d)*</c> or <c>0(_?0)*</c>.</summary>
    private (int End, int Base, int DigitsStart) MatchInteger(int start)
    {
        if (_source[start] == '0' && start + 1 < _source.Length)
        {
            var numberBase = char.ToLowerInvariant(_source[start + 1]) switch
            {
                'b' => 2,
                'o' => 8,
                'x' => 16,
                _ => 0,
            };
            if (numberBase != 0)
            {
                var end = MatchPrefixedDigits(start + 2, numberBase);
                if (end > start + 2)
                {
                    return (end, numberBase, start + 2);
                }
            }
        }

        var i = start + 1;
        var allowed = _source[start] == '0' ? "0" : "0123456789";
        while (true)
        {
            var next = i < _source.Length && _source[i] == '_' ? i + 1 : i;
            if (next < _source.Length && allowed.Contains(_source[next], StringComparison.Ordinal))
            {
                i = next + 1;
                continue;
            }

            return (i, 10, start);
        }
    }

    private int MatchPrefixedDigits(int i, int numberBase)
    {
        var end = i;
        while (true)
        {
            var next = end < _source.Length && _source[end] == '_' ? end + 1 : end;
            if (next < _source.Length && Uri.IsHexDigit(_source[next]) && Convert.ToInt32(_source[next].ToString(), 16) < numberBase)
            {
                end = next + 1;
                continue;
            }

            return end;
        }
    }

    private void LexString(char quote)
    {
        var i = _position + 1;
        while (i < _source.Length && _source[i] != quote)
        {
            i += _source[i] == '\\' ? 2 : 1;
        }

        if (i >= _source.Length)
        {
            throw SyntaxError($"unexpected char {Formatting.PyRepr.Repr(quote.ToString())} at {_position}", _line);
        }

        var line = _line;
        var value = StringLiteral.Decode(_source[(_position + 1)..i]);
        Advance(i + 1);
        _tokens.Add(new Token(TokenKind.String, value, line));
    }

    private void LexOperator(char c)
    {
        foreach (var two in TwoCharOperators)
        {
            if (StartsWith(_position, two))
            {
                Emit(TokenKind.Operator, two, _position + 2);
                return;
            }
        }

        if (!Operators.Contains(c, StringComparison.Ordinal))
        {
            throw SyntaxError($"unexpected char {Formatting.PyRepr.Repr(c.ToString())} at {_position}", _line);
        }

        switch (c)
        {
            case '(':
                _openBrackets.Push(')');
                break;
            case '[':
                _openBrackets.Push(']');
                break;
            case '{':
                _openBrackets.Push('}');
                break;
            case ')' or ']' or '}':
                if (_openBrackets.Count == 0)
                {
                    throw SyntaxError($"unexpected '{c}'", _line);
                }

                var expected = _openBrackets.Pop();
                if (expected != c)
                {
                    throw SyntaxError($"unexpected '{c}', expected '{expected}'", _line);
                }

                break;
        }

        Emit(TokenKind.Operator, c.ToString(), _position + 1);
    }

    private void Emit(TokenKind kind, string text, int end, object? value = null)
    {
        _tokens.Add(new Token(kind, text, _line, value));
        Advance(end);
    }

    private void EmitData(string text)
    {
        if (text.Length > 0)
        {
            _tokens.Add(new Token(TokenKind.Data, text, _line));
        }
    }

    private void Advance(int end)
    {
        _line += _source.AsSpan(_position, end - _position).Count('\n');
        _position = end;
    }

    private int SkipSpace(int i)
    {
        while (i < _source.Length && PyString.IsSpace(_source[i]))
        {
            i++;
        }

        return i;
    }

    private bool StartsWith(int i, string text) =>
        i + text.Length <= _source.Length && string.CompareOrdinal(_source, i, text, 0, text.Length) == 0;
}
