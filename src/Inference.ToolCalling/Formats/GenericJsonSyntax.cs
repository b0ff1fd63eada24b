namespace Inference.ToolCalling;

/// <summary>
/// For templates with no tool syntax of their own: the reply is <c>{"tool_calls": [{"name": ..., "arguments": {...}}]}</c>
/// or <c>{"tool_call": {...}}</c>; anything else is content.
/// </summary>
internal sealed class GenericJsonSyntax : MarkedCallSyntax
{
    private const string ObjectStart = "{";
    private const string ManyKey = "\"tool_calls\"";
    private const string OneKey = "\"tool_call\"";

    protected override IReadOnlyList<string> CallMarkers => [];

    public override IReadOnlyList<string> GrammarTriggers => [];

    protected override (int Index, string? Marker) FindRegion(string text, int from, int bodyStart)
    {
        var first = JsonScan.SkipWhitespace(text, bodyStart);
        return from <= first && first < text.Length && text[first] == '{' ? (first, ObjectStart) : (-1, null);
    }

    protected override RegionRead ReadRegion(string text, int start, string marker, bool isFinal, ParseOptions options, MessageSnapshot snapshot)
    {
        var keyStart = JsonScan.SkipWhitespace(text, start + 1);
        var keyEnd = keyStart < text.Length && text[keyStart] == '"' ? JsonScan.StringEnd(text, keyStart) : JsonScan.Invalid;
        if (keyEnd == JsonScan.Incomplete || keyStart >= text.Length)
        {
            var tail = text[keyStart..];
            return !isFinal && (ManyKey.StartsWith(tail, StringComparison.Ordinal) || OneKey.StartsWith(tail, StringComparison.Ordinal))
                ? RegionRead.NeedMore
                : RegionRead.NotACall;
        }
        var key = keyEnd > 0 ? text[keyStart..keyEnd] : "";
        if (key is not (ManyKey or OneKey))
        {
            return RegionRead.NotACall;
        }
        var colon = JsonScan.SkipWhitespace(text, keyEnd);
        var valueStart = JsonScan.SkipWhitespace(text, colon + 1);
        if (valueStart >= text.Length)
        {
            return isFinal ? RegionRead.NotACall : RegionRead.NeedMore;
        }
        var expected = key == ManyKey ? '[' : '{';
        if (text[colon] != ':' || text[valueStart] != expected)
        {
            return RegionRead.NotACall;
        }
        var value = key == ManyKey
            ? CallArrayReader.Read(text, valueStart, isFinal, CallKeys.NameArguments, snapshot)
            : ReadOne(text, valueStart, isFinal, snapshot);
        if (value.Status != ReadStatus.Call)
        {
            return value;
        }
        return TrailingMarkers.Skip(text, value.End, isFinal, "}") is { } end ? RegionRead.Done(end) : RegionRead.NeedMore;
    }

    private static RegionRead ReadOne(string text, int start, bool isFinal, MessageSnapshot snapshot)
    {
        var call = CallObjectReader.Read(text, start, isFinal, CallKeys.NameArguments);
        if (call.Status != ReadStatus.Call)
        {
            return new RegionRead(call.Status, 0);
        }
        snapshot.AddCall(call.Name, call.Arguments);
        return call.End >= text.Length && !isFinal ? RegionRead.NeedMore : RegionRead.Done(call.End);
    }

    public override string CallRule(ToolGrammarContext grammar, ToolDefinition tool) =>
        grammar.JsonCallObject("name", tool.Name, "arguments", grammar.ArgumentsRule(tool));

    /// <summary>Always the <c>tool_calls</c> array; without parallel calls it holds exactly one.</summary>
    public override string CallsRule(string call, bool parallel)
    {
        var calls = parallel ? $"{call} (\",\" space {call})*" : call;
        return $"\"{{\" space {ToolGrammarContext.Literal(ManyKey)} space \":\" space \"[\" space {calls} space \"]\" space \"}}\"";
    }
}
