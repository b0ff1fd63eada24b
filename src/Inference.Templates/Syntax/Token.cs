namespace Inference.Templates.Syntax;

internal enum TokenKind
{
    Data,
    VariableBegin,
    VariableEnd,
    BlockBegin,
    BlockEnd,
    Name,
    String,
    Integer,
    Float,
    Operator,
    Eof,
}

/// <summary>
/// One lexed token. <see cref="Text"/> is the source text for names and operators (e.g. <c>"//"</c>) and the
/// decoded text for data and strings; <see cref="Value"/> holds parsed numbers.
/// </summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Line, object? Value = null)
{
    public bool IsOperator(string text) => Kind == TokenKind.Operator && Text == text;

    public bool IsName(string text) => Kind == TokenKind.Name && Text == text;

    /// <summary>How Jinja names the token in "expected ..., got ..." messages.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.Eof => "end of template",
        TokenKind.BlockEnd => "end of statement block",
        TokenKind.VariableEnd => "end of print statement",
        TokenKind.BlockBegin => "begin of statement block",
        TokenKind.VariableBegin => "begin of print statement",
        TokenKind.Data => "template data / text",
        _ => Text,
    };
}
