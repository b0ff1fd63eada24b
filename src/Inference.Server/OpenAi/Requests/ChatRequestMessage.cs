namespace Inference.Server.OpenAi;

public enum ChatRole
{
    System,
    Developer,
    User,
    Assistant,
    Tool,
}

/// <summary>One message of a chat request's history.</summary>
public sealed record ChatRequestMessage
{
    public required ChatRole Role { get; init; }

    /// <summary>
    /// The text; an array of text parts is joined with "\n" (as llama-server does).
    /// Null only for an assistant message without content (e.g. one that only called tools).
    /// </summary>
    public string? Content { get; init; }

    public string? Name { get; init; }

    /// <summary>Assistant messages only.</summary>
    public IReadOnlyList<AssistantToolCall> ToolCalls { get; init; } = [];

    /// <summary>Tool messages only, where it is required.</summary>
    public string? ToolCallId { get; init; }

    /// <summary>Assistant thinking sent back by the client (llama-server extension reasoning_content).</summary>
    public string? ReasoningContent { get; init; }
}
