namespace Inference.Grammars;

/// <summary>GBNF text that llama.cpp's grammar parser would refuse.</summary>
public sealed class GbnfGrammarException : Exception
{
    public GbnfGrammarException(IReadOnlyList<GbnfError> errors)
        : base("Invalid grammar: " + string.Join("; ", errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<GbnfError> Errors { get; }
}
