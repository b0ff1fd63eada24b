namespace Inference.ToolCalling;

/// <summary>
/// DeepSeek R1 (<c>&lt;｜tool▁call▁begin｜&gt;function&lt;｜tool▁sep｜&gt;name\n```json\n{...}\n```&lt;｜tool▁call▁end｜&gt;</c>)
/// and V3.1+ (<c>&lt;｜tool▁call▁begin｜&gt;name&lt;｜tool▁sep｜&gt;{...}&lt;｜tool▁call▁end｜&gt;</c>), inside
/// <c>&lt;｜tool▁calls▁begin｜&gt;...&lt;｜tool▁calls▁end｜&gt;</c>. Parsing accepts both; <paramref name="fencedJson"/>
/// picks the R1 form for forced grammars.
/// </summary>
internal sealed class DeepSeekSyntax(bool fencedJson) : MarkedCallSyntax
{
    private const string CallsBegin = "<｜tool▁calls▁begin｜>";
    private const string CallsEnd = "<｜tool▁calls▁end｜>";
    private const string CallBegin = "<｜tool▁call▁begin｜>";
    private const string CallEnd = "<｜tool▁call▁end｜>";
    private const string Separator = "<｜tool▁sep｜>";
    private const string Fence = "```";
    private const string JsonFence = "```json";

    protected override IReadOnlyList<string> CallMarkers { get; } = [CallsBegin, CallBegin];

    public override IReadOnlyList<string> GrammarTriggers { get; } = [CallsBegin];

    protected override RegionRead ReadRegion(string text, int start, string marker, bool isFinal, ParseOptions options, MessageSnapshot snapshot)
    {
        var callsBefore = snapshot.Calls.Count;
        var pos = marker == CallsBegin ? start + CallsBegin.Length : start;
        while (true)
        {
            pos = JsonScan.SkipWhitespace(text, pos);
            if (Markers.StartsWithAt(text, pos, CallsEnd))
            {
                return RegionRead.Done(pos + CallsEnd.Length);
            }
            if (Markers.StartsWithAt(text, pos, CallBegin))
            {
                var call = ReadCall(text, pos + CallBegin.Length, isFinal, snapshot);
                if (call.Status != ReadStatus.Call)
                {
                    return call.Status == ReadStatus.NotACall ? Stop(snapshot, callsBefore, pos) : call;
                }
                pos = call.End;
                continue;
            }
            if (!isFinal && (Markers.CouldStartWith(text, pos, CallsEnd) || Markers.CouldStartWith(text, pos, CallBegin)))
            {
                return RegionRead.NeedMore;
            }
            return Stop(snapshot, callsBefore, pos);
        }
    }

    private static RegionRead Stop(MessageSnapshot snapshot, int callsBefore, int at) =>
        snapshot.Calls.Count > callsBefore ? RegionRead.Done(at) : RegionRead.NotACall;

    private static RegionRead ReadCall(string text, int headerStart, bool isFinal, MessageSnapshot snapshot)
    {
        var separator = text.IndexOf(Separator, headerStart, StringComparison.Ordinal);
        if (separator < 0)
        {
            return isFinal ? RegionRead.NotACall : RegionRead.NeedMore;
        }
        var header = text[headerStart..separator].Trim();
        var pos = separator + Separator.Length;
        string name;
        if (header == "function")
        {
            var newline = text.IndexOf('\n', pos);
            if (newline < 0)
            {
                return isFinal ? RegionRead.NotACall : RegionRead.NeedMore;
            }
            name = text[pos..newline].Trim();
            pos = JsonScan.SkipWhitespace(text, newline + 1);
            if (Markers.StartsWithAt(text, pos, JsonFence))
            {
                pos += JsonFence.Length;
            }
            else if (!isFinal && Markers.CouldStartWith(text, pos, JsonFence))
            {
                snapshot.AddCall(name, "");
                return RegionRead.NeedMore;
            }
        }
        else
        {
            name = header;
        }
        if (name.Length == 0)
        {
            return RegionRead.NotACall;
        }

        var argsStart = JsonScan.SkipWhitespace(text, pos);
        var argsEnd = JsonScan.ValueEnd(text, argsStart);
        if (argsEnd < 0)
        {
            var partial = argsStart < text.Length && text[argsStart] is '{' or '[' ? text[argsStart..] : "";
            snapshot.AddCall(name, isFinal && partial.Length == 0 ? "{}" : partial);
            return isFinal ? RegionRead.Done(text.Length) : RegionRead.NeedMore;
        }
        snapshot.AddCall(name, text[argsStart..argsEnd]);
        return TrailingMarkers.Skip(text, argsEnd, isFinal, Fence, CallEnd) is { } end ? RegionRead.Done(end) : RegionRead.NeedMore;
    }

    public override string CallRule(ToolGrammarContext grammar, ToolDefinition tool) => fencedJson
        ? $"{ToolGrammarContext.Literal($"{CallBegin}function{Separator}{tool.Name}\n{JsonFence}\n")} {grammar.ArgumentsRule(tool)} {ToolGrammarContext.Literal($"\n{Fence}{CallEnd}")}"
        : $"{ToolGrammarContext.Literal($"{CallBegin}{tool.Name}{Separator}")} {grammar.ArgumentsRule(tool)} {ToolGrammarContext.Literal(CallEnd)}";

    public override string CallsRule(string call, bool parallel) =>
        $"{ToolGrammarContext.Literal(CallsBegin)} {(parallel ? $"{call}+" : call)} {ToolGrammarContext.Literal(CallsEnd)}";
}
