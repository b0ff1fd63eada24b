namespace Inference.Server.OpenAi;

/// <summary>A function call by the assistant, in OpenAI's wire shape: in a request's history and in a response.</summary>
public sealed record AssistantToolCall
{
    public required string Id { get; init; }

    public string Type => "function";

    public required ToolCallFunction Function { get; init; }

    public static AssistantToolCall From(ToolCalling.ToolCall call) =>
        new() { Id = call.Id, Function = new ToolCallFunction(call.Name, call.Arguments) };
}

/// <summary><see cref="Arguments"/> is JSON text, as OpenAI sends it.</summary>
public sealed record ToolCallFunction(string Name, string Arguments);
