using System.Text.RegularExpressions;

namespace Inference.ToolCalling;

/// <summary>
/// gpt-oss "harmony": the reply is a series of messages
/// <c>[&lt;|start|&gt;assistant][ to=functions.name]&lt;|channel|&gt;channel[ to=functions.name][ &lt;|constrain|&gt;json]&lt;|message|&gt;body&lt;|end|&gt;</c>.
/// A recipient <c>functions.x</c> makes the body the arguments of a call to x; otherwise the
/// <c>analysis</c> channel is reasoning and <c>final</c>/<c>commentary</c> are content.
/// </summary>
internal sealed partial class HarmonySyntax : ToolCallSyntax
{
    private const string Start = "<|start|>";
    private const string Message = "<|message|>";
    private const string FunctionsPrefix = "functions.";
    private static readonly string[] BodyEnds = ["<|end|>", "<|call|>", "<|return|>", Start];

    public override IReadOnlyList<string> GrammarTriggers { get; } = ["<|channel|>commentary to=functions."];

    protected override void ParseBody(string text, int start, bool isFinal, ParseOptions options, MessageSnapshot snapshot)
    {
        var pos = start;
        while (pos < text.Length)
        {
            if (Markers.StartsWithAt(text, pos, Start))
            {
                pos += Start.Length;
            }
            var headerEnd = text.IndexOf(Message, pos, StringComparison.Ordinal);
            if (headerEnd < 0)
            {
                if (isFinal)
                {
                    snapshot.Content.Append(text, pos, text.Length - pos);
                }
                return;
            }
            var header = text[pos..headerEnd];
            var bodyStart = headerEnd + Message.Length;
            var (endIndex, endMarker) = Markers.FindFirst(text, bodyStart, BodyEnds);
            var bodyEnd = endIndex >= 0 ? endIndex : isFinal ? text.Length : Markers.HeldBackFrom(text, bodyStart, BodyEnds);
            AddMessage(header, text[bodyStart..bodyEnd], snapshot);
            if (endIndex < 0)
            {
                return;
            }
            pos = endMarker == Start ? endIndex : endIndex + endMarker!.Length;
        }
    }

    private static void AddMessage(string header, string body, MessageSnapshot snapshot)
    {
        var recipient = Recipient().Match(header);
        if (recipient.Success && recipient.Groups[1].Value.StartsWith(FunctionsPrefix, StringComparison.Ordinal))
        {
            snapshot.AddCall(recipient.Groups[1].Value[FunctionsPrefix.Length..], body.Trim());
        }
        else if (Channel().Match(header) is { Success: true } channel && channel.Groups[1].Value == "analysis")
        {
            snapshot.Reasoning.Append(body);
        }
        else
        {
            snapshot.Content.Append(body);
        }
    }

    [GeneratedRegex(@"to=([^\s<]+)")]
    private static partial Regex Recipient();

    [GeneratedRegex(@"<\|channel\|>\s*(\w+)")]
    private static partial Regex Channel();

    /// <summary>Forced replies may first think in the analysis channel.</summary>
    public override string ForcedPrefix(ToolGrammarContext grammar, bool startsInReasoning) =>
        $"({ToolGrammarContext.Literal("<|channel|>analysis<|message|>")} {grammar.TextUntil("<|end|>")} {ToolGrammarContext.Literal("<|end|><|start|>assistant")})?";

    public override string CallRule(ToolGrammarContext grammar, ToolDefinition tool) =>
        $"{ToolGrammarContext.Literal($"<|channel|>commentary to={FunctionsPrefix}{tool.Name} <|constrain|>json<|message|>")} {grammar.ArgumentsRule(tool)}";

    /// <summary>A call ends the turn (<c>&lt;|call|&gt;</c> is an end-of-generation token), so there is one per reply.</summary>
    public override string CallsRule(string call, bool parallel) => call;
}
