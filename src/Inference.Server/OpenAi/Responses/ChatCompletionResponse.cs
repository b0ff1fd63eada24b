using System.Text.Json;
using System.Text.Json.Serialization;

namespace Inference.Server.OpenAi;

/// <summary>The non-streaming answer of <c>POST /v1/chat/completions</c> (object "chat.completion"); always one choice.</summary>
public sealed record ChatCompletionResponse
{
    public required string Id { get; init; }

    public string Object => "chat.completion";

    public required long Created { get; init; }

    public required string Model { get; init; }

    public string? SystemFingerprint { get; init; }

    public required IReadOnlyList<ChatCompletionChoice> Choices { get; init; }

    public required CompletionUsage Usage { get; init; }
}

public sealed record ChatCompletionChoice
{
    public int Index { get; init; }

    public required AssistantMessage Message { get; init; }

    /// <summary>Always null: log probabilities are not supported (requests asking for them get a 400).</summary>
    public JsonElement? Logprobs => null;

    /// <summary>"stop", "length" or "tool_calls"; see <see cref="FinishReasons"/>.</summary>
    public required string FinishReason { get; init; }
}

public sealed record AssistantMessage
{
    public string Role => "assistant";

    /// <summary>Null when the assistant only called tools, as OpenAI does.</summary>
    public string? Content { get; init; }

    /// <summary>The model's thinking, split from the content (llama-server and DeepSeek's extension).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ReasoningContent { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<AssistantToolCall>? ToolCalls { get; init; }
}
