namespace Inference.ToolCalling;

/// <summary>One function call the model made; <see cref="Arguments"/> is JSON text, as in OpenAI's API.</summary>
public sealed record ToolCall(string Id, string Name, string Arguments);
