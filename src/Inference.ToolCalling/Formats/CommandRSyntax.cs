namespace Inference.ToolCalling;

/// <summary>
/// Command R+ (<c>Action: ```json [{"tool_name": ..., "parameters": {...}}] ```</c>) and Command R7B
/// (<c>&lt;|START_ACTION|&gt;[...]&lt;|END_ACTION|&gt;</c>, with thinking and response markers). Parsing
/// accepts both; <paramref name="actionTokens"/> picks R7B's form for forced grammars.
/// </summary>
internal sealed class CommandRSyntax(bool actionTokens) : MarkedCallSyntax
{
    private const string Action = "Action:";
    private const string StartAction = "<|START_ACTION|>";
    private const string EndAction = "<|END_ACTION|>";
    private const string Fence = "```";
    private const string JsonFence = "```json";
    private static readonly CallKeys Keys = new(["tool_name"], ["parameters"], ["tool_call_id"]);

    protected override IReadOnlyList<string> CallMarkers { get; } = [Action, StartAction];

    protected override IReadOnlyList<string> IgnoredMarkers { get; } = ["<|START_RESPONSE|>", "<|END_RESPONSE|>"];

    public override IReadOnlyList<string> GrammarTriggers => [actionTokens ? StartAction : Action];

    protected override RegionRead ReadRegion(string text, int start, string marker, bool isFinal, ParseOptions options, MessageSnapshot snapshot)
    {
        var pos = JsonScan.SkipWhitespace(text, start + marker.Length);
        if (marker == Action)
        {
            if (Markers.StartsWithAt(text, pos, JsonFence))
            {
                pos = JsonScan.SkipWhitespace(text, pos + JsonFence.Length);
            }
            else if (!isFinal && Markers.CouldStartWith(text, pos, JsonFence))
            {
                return RegionRead.NeedMore;
            }
        }
        if (pos >= text.Length)
        {
            return isFinal ? RegionRead.NotACall : RegionRead.NeedMore;
        }
        if (text[pos] != '[')
        {
            return RegionRead.NotACall;
        }
        var array = CallArrayReader.Read(text, pos, isFinal, Keys, snapshot);
        if (array.Status != ReadStatus.Call)
        {
            return array;
        }
        var closing = marker == Action ? Fence : EndAction;
        return TrailingMarkers.Skip(text, array.End, isFinal, closing) is { } end ? RegionRead.Done(end) : RegionRead.NeedMore;
    }

    public override string CallRule(ToolGrammarContext grammar, ToolDefinition tool) =>
        grammar.JsonCallObject("tool_name", tool.Name, "parameters", grammar.ArgumentsRule(tool));

    public override string CallsRule(string call, bool parallel)
    {
        var calls = parallel ? $"{call} (\",\" space {call})*" : call;
        var array = $"\"[\" space {calls} space \"]\"";
        return actionTokens
            ? $"{ToolGrammarContext.Literal(StartAction)} {array} {ToolGrammarContext.Literal(EndAction)}"
            : $"{ToolGrammarContext.Literal(Action)} space {ToolGrammarContext.Literal(JsonFence)} space {array} space {ToolGrammarContext.Literal(Fence)}";
    }
}
