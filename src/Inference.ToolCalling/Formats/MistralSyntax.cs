namespace Inference.ToolCalling;

/// <summary>
/// Mistral: <c>[TOOL_CALLS]</c> followed by a JSON array of <c>{"name", "arguments", "id"}</c> objects
/// (Nemo and older) or by <c>name[ARGS]{...}</c>, one marker per call (Small 3.2, Devstral, Magistral).
/// Parsing accepts both; <paramref name="writesArgsMarker"/> picks the one forced grammars use.
/// </summary>
internal sealed class MistralSyntax(bool writesArgsMarker) : MarkedCallSyntax
{
    private const string Marker = "[TOOL_CALLS]";
    private const string ArgsMarker = "[ARGS]";
    private const string CallIdMarker = "[CALL_ID]";

    protected override IReadOnlyList<string> CallMarkers { get; } = [Marker];

    protected override RegionRead ReadRegion(string text, int start, string marker, bool isFinal, ParseOptions options, MessageSnapshot snapshot)
    {
        var pos = JsonScan.SkipWhitespace(text, start + Marker.Length);
        if (pos >= text.Length)
        {
            return isFinal ? RegionRead.Done(text.Length) : RegionRead.NeedMore;
        }
        return text[pos] == '['
            ? CallArrayReader.Read(text, pos, isFinal, CallKeys.NameArguments, snapshot)
            : ReadNamedCall(text, pos, isFinal, snapshot);
    }

    private static RegionRead ReadNamedCall(string text, int nameStart, bool isFinal, MessageSnapshot snapshot)
    {
        var argsMarker = text.IndexOf(ArgsMarker, nameStart, StringComparison.Ordinal);
        if (argsMarker < 0)
        {
            var heldBack = Markers.HeldBackFrom(text, nameStart, [ArgsMarker, CallIdMarker]);
            var couldBeName = text.IndexOf(CallIdMarker, nameStart, StringComparison.Ordinal) >= 0 || Identifier.IsName(text, nameStart, heldBack);
            return !isFinal && couldBeName ? RegionRead.NeedMore : RegionRead.NotACall;
        }
        var callId = text.IndexOf(CallIdMarker, nameStart, argsMarker - nameStart, StringComparison.Ordinal);
        var nameEnd = callId >= 0 ? callId : argsMarker;
        if (nameEnd == nameStart || !Identifier.IsName(text, nameStart, nameEnd))
        {
            return RegionRead.NotACall;
        }
        var name = text[nameStart..nameEnd];
        var argsStart = JsonScan.SkipWhitespace(text, argsMarker + ArgsMarker.Length);
        var argsEnd = JsonScan.ValueEnd(text, argsStart);
        if (argsEnd < 0)
        {
            var partial = argsStart < text.Length && text[argsStart] is '{' or '[' ? text[argsStart..] : "";
            snapshot.AddCall(name, isFinal && partial.Length == 0 ? "{}" : partial);
            return isFinal ? RegionRead.Done(text.Length) : RegionRead.NeedMore;
        }
        snapshot.AddCall(name, text[argsStart..argsEnd]);
        return RegionRead.Done(argsEnd);
    }

    public override string CallRule(ToolGrammarContext grammar, ToolDefinition tool) => writesArgsMarker
        ? $"{ToolGrammarContext.Literal(Marker + tool.Name + ArgsMarker)} {grammar.ArgumentsRule(tool)}"
        : grammar.JsonCallObject("name", tool.Name, "arguments", grammar.ArgumentsRule(tool));

    public override string CallsRule(string call, bool parallel)
    {
        if (writesArgsMarker)
        {
            return parallel ? $"{call}+" : call;
        }
        var calls = parallel ? $"{call} (\",\" space {call})*" : call;
        return $"{ToolGrammarContext.Literal(Marker)} \"[\" space {calls} space \"]\"";
    }
}
