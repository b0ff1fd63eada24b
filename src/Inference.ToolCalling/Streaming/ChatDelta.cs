namespace Inference.ToolCalling;

/// <summary>One streamed piece of a reply, shaped like an OpenAI chat.completion.chunk delta.</summary>
public abstract record ChatDelta;

public sealed record ContentDelta(string Text) : ChatDelta;

public sealed record ReasoningDelta(string Text) : ChatDelta;

/// <summary>
/// A tool call piece: the first one for an index carries the id and function name (with empty
/// arguments); later ones carry only argument text to append.
/// </summary>
public sealed record ToolCallDelta(int Index, string? Id, string? Name, string Arguments) : ChatDelta;
