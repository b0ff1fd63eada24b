using Inference.Grammars;
namespace Inference.ToolCalling;

/// <summary>
/// Llama 3.1 and functionary v3.1 write code for the built-in interpreter after <c>&lt;|python_tag|&gt;</c>;
/// it becomes a call to <c>python</c> with arguments <c>{"code": "..."}</c>.
/// </summary>
internal static class PythonCodeCall
{
    public const string ToolName = "python";
    private const string EndOfMessage = "<|eom_id|>";

    public static RegionRead Read(string text, int codeStart, bool isFinal, MessageSnapshot snapshot)
    {
        var end = text.IndexOf(EndOfMessage, codeStart, StringComparison.Ordinal);
        var codeEnd = end >= 0 ? end : isFinal ? text.Length : Markers.HeldBackFrom(text, codeStart, [EndOfMessage]);
        var code = text[codeStart..codeEnd];
        var complete = end >= 0 || isFinal;
        snapshot.AddCall(ToolName, "{\"code\":" + (complete ? JsonEscape.Quote(code) + "}" : JsonEscape.Open(code)));
        return complete ? RegionRead.Done(end >= 0 ? end + EndOfMessage.Length : text.Length) : RegionRead.NeedMore;
    }
}
