namespace Inference.Grammars;

/// <summary>A problem in GBNF text; line and column are 1-based.</summary>
public sealed record GbnfError(int Line, int Column, string Message)
{
    public override string ToString() => $"line {Line}, column {Column}: {Message}";
}
