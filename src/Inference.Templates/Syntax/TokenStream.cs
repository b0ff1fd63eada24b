namespace Inference.Templates.Syntax;

/// <summary>A cursor over the lexed tokens with Jinja's expect/skip helpers.</summary>
internal sealed class TokenStream
{
    private readonly List<Token> _tokens;
    private int _index;

    public TokenStream(List<Token> tokens)
    {
        _tokens = tokens;
    }

    public Token Current => _tokens[_index];

    /// <summary>The token after <see cref="Current"/>.</summary>
    public Token Peek => _tokens[Math.Min(_index + 1, _tokens.Count - 1)];

    public Token Next()
    {
        var token = Current;
        if (_index < _tokens.Count - 1)
        {
            _index++;
        }

        return token;
    }

    public bool SkipIfOperator(string text)
    {
        if (Current.IsOperator(text))
        {
            Next();
            return true;
        }

        return false;
    }

    public bool SkipIfName(string text)
    {
        if (Current.IsName(text))
        {
            Next();
            return true;
        }

        return false;
    }

    public Token Expect(TokenKind kind)
    {
        if (Current.Kind != kind)
        {
            throw Unexpected(Describe(kind));
        }

        return Next();
    }

    public Token ExpectOperator(string text) => Current.IsOperator(text) ? Next() : throw Unexpected(text);

    public Token ExpectName(string text) => Current.IsName(text) ? Next() : throw Unexpected(text);

    public TemplateException Unexpected(string expected) =>
        Current.Kind == TokenKind.Eof
            ? Lexer.SyntaxError($"unexpected end of template, expected '{expected}'.", Current.Line)
            : Lexer.SyntaxError($"expected token '{expected}', got '{Current.Describe()}'", Current.Line);

    private static string Describe(TokenKind kind) => kind switch
    {
        TokenKind.BlockEnd => "end of statement block",
        TokenKind.VariableEnd => "end of print statement",
        TokenKind.Name => "name",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
