namespace Inference.Grammars;

/// <summary>
/// A GBNF grammar checked the way llama.cpp checks it (syntax, undefined rules, missing start rule, left
/// recursion), so a bad user grammar is refused with a message before it reaches native code.
/// </summary>
public sealed class GbnfGrammar
{
    private readonly GbnfRecognizer _recognizer;

    private GbnfGrammar(GbnfRecognizer recognizer)
    {
        _recognizer = recognizer;
    }

    /// <exception cref="GbnfGrammarException">The grammar is invalid.</exception>
    public static GbnfGrammar Parse(string text, string startRule = GbnfBuilder.RootRuleName)
    {
        var (result, errors) = Check(text, startRule);
        return errors.Count > 0 ? throw new GbnfGrammarException(errors) : new GbnfGrammar(new GbnfRecognizer(result!, result!.Symbols[startRule]));
    }

    /// <summary>Every problem llama.cpp would report for this grammar; empty when it is valid.</summary>
    public static IReadOnlyList<GbnfError> Validate(string text, string startRule = GbnfBuilder.RootRuleName) =>
        Check(text, startRule).Errors;

    /// <summary>Whether <paramref name="text"/> is in the grammar's language. Token symbols never match text.</summary>
    public bool Matches(string text) => _recognizer.Matches(text, wholeText: true);

    /// <summary>Whether <paramref name="text"/> can be continued into something the grammar accepts.</summary>
    public bool MatchesPrefix(string text) => _recognizer.Matches(text, wholeText: false);

    private static (GbnfParser.Result? Result, List<GbnfError> Errors) Check(string text, string startRule)
    {
        GbnfParser.Result result;
        try
        {
            result = GbnfParser.Parse(text);
        }
        catch (GbnfParseFailure failure)
        {
            return (null, [At(text, failure.Offset, failure.Message)]);
        }

        var errors = new List<GbnfError>();
        foreach (var (name, id) in result.Symbols)
        {
            if (id >= result.Rules.Count || result.Rules[id] is null)
            {
                var offset = result.FirstReference.GetValueOrDefault(id);
                errors.Add(At(text, offset, $"undefined rule '{name}'"));
            }
        }
        if (!result.Symbols.ContainsKey(startRule))
        {
            errors.Add(new GbnfError(1, 1, $"the grammar has no '{startRule}' rule"));
        }
        if (errors.Count == 0 && LeftRecursion.Find(result) is { } recursive)
        {
            errors.Add(new GbnfError(1, 1, $"left recursion in rule '{recursive}' (llama.cpp does not support it)"));
        }
        return (result, errors);
    }

    private static GbnfError At(string text, int offset, string message)
    {
        offset = Math.Min(offset, text.Length);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
        return new GbnfError(line, offset - lineStart + 1, message);
    }
}
