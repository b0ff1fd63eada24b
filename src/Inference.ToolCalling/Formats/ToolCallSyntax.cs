namespace Inference.ToolCalling;

/// <summary>
/// One family's way of writing replies: how to parse them (complete or cut off mid-stream) and how to
/// write a grammar that forces a call in that syntax.
/// </summary>
internal abstract class ToolCallSyntax
{
    /// <summary>The family's reasoning block markers, if it has a block of that kind.</summary>
    public ReasoningTags? Reasoning { get; init; }

    /// <summary>
    /// Parses the reply so far. With <paramref name="isFinal"/> false, anything that might still turn out
    /// to be part of a marker or call is left out, so later parses only ever extend this one.
    /// </summary>
    public MessageSnapshot Parse(string text, bool isFinal, ParseOptions options)
    {
        var snapshot = new MessageSnapshot();
        var bodyStart = Reasoning is null ? 0 : Reasoning.Split(text, isFinal, options.StartsInReasoning, snapshot);
        if (bodyStart is { } start)
        {
            ParseBody(text, start, isFinal, options, snapshot);
        }
        return snapshot;
    }

    protected abstract void ParseBody(string text, int start, bool isFinal, ParseOptions options, MessageSnapshot snapshot);

    /// <summary>Texts that start a call, for lazy grammars; empty when calls have no fixed opening.</summary>
    public abstract IReadOnlyList<string> GrammarTriggers { get; }

    /// <summary>GBNF for one call of <paramref name="tool"/> with arguments valid for its schema.</summary>
    public abstract string CallRule(ToolGrammarContext grammar, ToolDefinition tool);

    /// <summary>GBNF for the calls of a reply given the rule for one call.</summary>
    public virtual string CallsRule(string call, bool parallel) => parallel ? $"{call} (space {call})*" : call;

    /// <summary>What a forced reply may start with before its calls: by default the family's reasoning block.</summary>
    public virtual string ForcedPrefix(ToolGrammarContext grammar, bool startsInReasoning)
    {
        if (Reasoning is null)
        {
            return "";
        }
        var block = $"{grammar.TextUntil(Reasoning.Close)} {ToolGrammarContext.Literal(Reasoning.Close)} space";
        return startsInReasoning ? block : $"({ToolGrammarContext.Literal(Reasoning.Open)} {block})?";
    }
}
