namespace Inference.ToolCalling;

/// <summary>
/// Functionary v3.2: the reply is a list of <c>&gt;&gt;&gt;recipient\nbody</c> messages, where recipient
/// <c>all</c> is text for the user and anything else is a function called with the body as arguments.
/// The prompt ends with the first <c>&gt;&gt;&gt;</c>, so the reply starts with a recipient.
/// </summary>
internal sealed class FunctionaryV32Syntax : ToolCallSyntax
{
    private const string Separator = ">>>";
    private const string UserRecipient = "all";

    public override IReadOnlyList<string> GrammarTriggers => [];

    protected override void ParseBody(string text, int start, bool isFinal, ParseOptions options, MessageSnapshot snapshot)
    {
        var pos = Markers.StartsWithAt(text, start, Separator) ? start + Separator.Length : start;
        while (pos <= text.Length)
        {
            var newline = text.IndexOf('\n', pos);
            if (newline < 0)
            {
                if (isFinal)
                {
                    snapshot.Content.Append(text, pos, text.Length - pos);
                }
                return;
            }
            var recipient = text[pos..newline].Trim();
            var bodyStart = newline + 1;
            var next = text.IndexOf(Separator, bodyStart, StringComparison.Ordinal);
            var bodyEnd = next >= 0 ? next : isFinal ? text.Length : Markers.HeldBackFrom(text, bodyStart, [Separator]);
            var body = text[bodyStart..bodyEnd];
            if (recipient == UserRecipient)
            {
                snapshot.Content.Append(body);
            }
            else
            {
                snapshot.AddCall(recipient, body.Trim());
            }
            if (next < 0)
            {
                return;
            }
            pos = next + Separator.Length;
        }
    }

    public override string CallRule(ToolGrammarContext grammar, ToolDefinition tool) =>
        $"{ToolGrammarContext.Literal(tool.Name + "\n")} {grammar.ArgumentsRule(tool)}";

    public override string CallsRule(string call, bool parallel) =>
        parallel ? $"{call} ({ToolGrammarContext.Literal(Separator)} {call})*" : call;
}
