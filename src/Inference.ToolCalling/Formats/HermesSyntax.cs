namespace Inference.ToolCalling;

/// <summary>Hermes 2/3, Qwen 2.5, Qwen 3: <c>&lt;tool_call&gt;{"name": ..., "arguments": {...}}&lt;/tool_call&gt;</c>.</summary>
internal sealed class HermesSyntax : MarkedCallSyntax
{
    private const string Open = "<tool_call>";
    private const string Close = "</tool_call>";

    protected override IReadOnlyList<string> CallMarkers { get; } = [Open];

    protected override RegionRead ReadRegion(string text, int start, string marker, bool isFinal, ParseOptions options, MessageSnapshot snapshot)
    {
        var objectStart = JsonScan.SkipWhitespace(text, start + Open.Length);
        if (objectStart >= text.Length)
        {
            return isFinal ? RegionRead.NotACall : RegionRead.NeedMore;
        }
        if (text[objectStart] != '{')
        {
            return RegionRead.NotACall;
        }
        var call = CallObjectReader.Read(text, objectStart, isFinal, CallKeys.NameArguments);
        if (call.Status != ReadStatus.Call)
        {
            return new RegionRead(call.Status, 0);
        }
        snapshot.AddCall(call.Name, call.Arguments);
        return TrailingMarkers.Skip(text, call.End, isFinal, Close) is { } end ? RegionRead.Done(end) : RegionRead.NeedMore;
    }

    public override string CallRule(ToolGrammarContext grammar, ToolDefinition tool) =>
        $"{ToolGrammarContext.Literal(Open)} space {grammar.JsonCallObject("name", tool.Name, "arguments", grammar.ArgumentsRule(tool))} space {ToolGrammarContext.Literal(Close)}";
}
