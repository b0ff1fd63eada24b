using System.Text;

namespace Inference.ToolCalling;

/// <summary>
/// What a parse of the text so far found. For a partial parse everything in it is stable: later text
/// only appends (content, reasoning, calls, and argument text of the last call).
/// </summary>
internal sealed class MessageSnapshot
{
    public StringBuilder Content { get; } = new();

    public StringBuilder Reasoning { get; } = new();

    public List<CallSnapshot> Calls { get; } = [];

    public void AddCall(string name, string arguments) => Calls.Add(new CallSnapshot(name, arguments));
}

/// <summary>A call whose name is known; <see cref="Arguments"/> may still grow while streaming.</summary>
internal sealed record CallSnapshot(string Name, string Arguments);
