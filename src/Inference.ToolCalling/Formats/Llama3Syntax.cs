namespace Inference.ToolCalling;

/// <summary>
/// Llama 3.1/3.2/3.3: a reply that is a JSON object <c>{"name": ..., "parameters": {...}}</c> (several
/// separated by ';'), or <c>&lt;|python_tag|&gt;</c> followed by such objects or by interpreter code.
/// </summary>
internal sealed class Llama3Syntax : MarkedCallSyntax
{
    private const string PythonTag = "<|python_tag|>";
    private const string ObjectStart = "{";
    private static readonly CallKeys Keys = new(["name"], ["parameters", "arguments"], ["type"]);

    protected override IReadOnlyList<string> CallMarkers { get; } = [PythonTag];

    /// <summary>A bare JSON call only counts at the very start of the reply; later braces are content.</summary>
    protected override (int Index, string? Marker) FindRegion(string text, int from, int bodyStart)
    {
        var first = JsonScan.SkipWhitespace(text, bodyStart);
        if (from <= first && first < text.Length && text[first] == '{')
        {
            return (first, ObjectStart);
        }
        return base.FindRegion(text, from, bodyStart);
    }

    protected override RegionRead ReadRegion(string text, int start, string marker, bool isFinal, ParseOptions options, MessageSnapshot snapshot)
    {
        if (marker == ObjectStart)
        {
            return ReadObjects(text, start, isFinal, snapshot);
        }
        var afterTag = JsonScan.SkipWhitespace(text, start + PythonTag.Length);
        if (afterTag >= text.Length)
        {
            return isFinal ? RegionRead.Done(text.Length) : RegionRead.NeedMore;
        }
        return text[afterTag] == '{'
            ? ReadObjects(text, afterTag, isFinal, snapshot)
            : PythonCodeCall.Read(text, start + PythonTag.Length, isFinal, snapshot);
    }

    private static RegionRead ReadObjects(string text, int start, bool isFinal, MessageSnapshot snapshot)
    {
        var callsBefore = snapshot.Calls.Count;
        var pos = start;
        while (true)
        {
            var call = CallObjectReader.Read(text, pos, isFinal, Keys);
            if (call.Status == ReadStatus.NeedMore)
            {
                return RegionRead.NeedMore;
            }
            if (call.Status == ReadStatus.NotACall)
            {
                return snapshot.Calls.Count > callsBefore ? RegionRead.Done(pos) : RegionRead.NotACall;
            }
            snapshot.AddCall(call.Name, call.Arguments);
            var next = JsonScan.SkipWhitespace(text, call.End);
            if (next >= text.Length)
            {
                return isFinal ? RegionRead.Done(text.Length) : RegionRead.NeedMore;
            }
            if (text[next] != ';')
            {
                return RegionRead.Done(call.End);
            }
            pos = JsonScan.SkipWhitespace(text, next + 1);
            if (pos >= text.Length)
            {
                return isFinal ? RegionRead.Done(text.Length) : RegionRead.NeedMore;
            }
            if (text[pos] != '{')
            {
                return RegionRead.Done(next + 1);
            }
        }
    }

    /// <summary>Lazy grammars would need a start-anchored pattern trigger for the bare object; not offered.</summary>
    public override IReadOnlyList<string> GrammarTriggers => [];

    public override string CallRule(ToolGrammarContext grammar, ToolDefinition tool) =>
        grammar.JsonCallObject("name", tool.Name, "parameters", grammar.ArgumentsRule(tool));

    public override string CallsRule(string call, bool parallel) => parallel ? $"{call} (\";\" space {call})*" : call;
}
