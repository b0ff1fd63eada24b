namespace Inference.ToolCalling;

/// <summary>Functionary v3.1 (Llama 3.1 based): <c>&lt;function=name&gt;{...}&lt;/function&gt;</c>, and <c>&lt;|python_tag|&gt;</c> code.</summary>
internal sealed class FunctionaryV31Syntax : MarkedCallSyntax
{
    private const string Open = "<function=";
    private const string Close = "</function>";
    private const string PythonTag = "<|python_tag|>";

    protected override IReadOnlyList<string> CallMarkers { get; } = [Open, PythonTag];

    public override IReadOnlyList<string> GrammarTriggers { get; } = [Open];

    protected override RegionRead ReadRegion(string text, int start, string marker, bool isFinal, ParseOptions options, MessageSnapshot snapshot)
    {
        if (marker == PythonTag)
        {
            return PythonCodeCall.Read(text, start + PythonTag.Length, isFinal, snapshot);
        }
        var nameStart = start + Open.Length;
        var nameEnd = text.IndexOf('>', nameStart);
        if (nameEnd < 0)
        {
            return !isFinal && Identifier.IsName(text, nameStart, text.Length) ? RegionRead.NeedMore : RegionRead.NotACall;
        }
        if (nameEnd == nameStart || !Identifier.IsName(text, nameStart, nameEnd))
        {
            return RegionRead.NotACall;
        }
        var name = text[nameStart..nameEnd];
        var argsStart = JsonScan.SkipWhitespace(text, nameEnd + 1);
        var argsEnd = JsonScan.ValueEnd(text, argsStart);
        if (argsEnd < 0)
        {
            var partial = argsStart < text.Length && text[argsStart] is '{' or '[' ? text[argsStart..] : "";
            snapshot.AddCall(name, isFinal && partial.Length == 0 ? "{}" : partial);
            return isFinal ? RegionRead.Done(text.Length) : RegionRead.NeedMore;
        }
        snapshot.AddCall(name, text[argsStart..argsEnd]);
        return TrailingMarkers.Skip(text, argsEnd, isFinal, Close) is { } end ? RegionRead.Done(end) : RegionRead.NeedMore;
    }

    public override string CallRule(ToolGrammarContext grammar, ToolDefinition tool) =>
        $"{ToolGrammarContext.Literal($"{Open}{tool.Name}>")} {grammar.ArgumentsRule(tool)} {ToolGrammarContext.Literal(Close)}";
}
