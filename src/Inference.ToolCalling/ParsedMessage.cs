namespace Inference.ToolCalling;

/// <summary>A model reply split into visible text, reasoning (null when the family has none or it was empty) and tool calls.</summary>
public sealed record ParsedMessage(string Content, string? Reasoning, IReadOnlyList<ToolCall> ToolCalls);
