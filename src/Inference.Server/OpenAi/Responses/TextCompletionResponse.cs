using System.Text.Json;

namespace Inference.Server.OpenAi;

/// <summary>The non-streaming answer of <c>POST /v1/completions</c> (object "text_completion"); always one choice.</summary>
public sealed record TextCompletionResponse
{
    public required string Id { get; init; }

    public string Object => "text_completion";

    public required long Created { get; init; }

    public required string Model { get; init; }

    public string? SystemFingerprint { get; init; }

    public required IReadOnlyList<TextCompletionChoice> Choices { get; init; }

    public required CompletionUsage Usage { get; init; }
}

public sealed record TextCompletionChoice
{
    public required string Text { get; init; }

    public int Index { get; init; }

    /// <summary>Always null: log probabilities are not supported (requests asking for them get a 400).</summary>
    public JsonElement? Logprobs => null;

    /// <summary>"stop" or "length"; see <see cref="FinishReasons"/>.</summary>
    public required string FinishReason { get; init; }
}
