namespace Inference.Engine;

public enum GenerationEventKind
{
    /// <summary>A sampled token; <see cref="GenerationEvent.Text"/> holds the text it released (may be empty while UTF-8 or a possible stop string is held back).</summary>
    Token,

    /// <summary>The last event of a stream.</summary>
    Completed,
}

public enum FinishReason
{
    /// <summary>An end-of-generation token or a stop string.</summary>
    Stop,

    /// <summary>max_tokens reached, or the sequence reached the context limit (a full KV cache preempts instead).</summary>
    Length,

    /// <summary>The caller cancelled (client gone, deadline).</summary>
    Cancelled,

    /// <summary>llama.cpp failed on this request; <see cref="GenerationResult.Error"/> says why.</summary>
    Error,
}

/// <summary>
/// One item of a request's stream. A struct so streaming a token allocates nothing beyond
/// its text; the final event carries the <see cref="GenerationResult"/>.
/// </summary>
public readonly record struct GenerationEvent(
    GenerationEventKind Kind,
    int TokenId,
    string Text,
    long Timestamp,
    GenerationResult? Result)
{
    public static GenerationEvent ForToken(int tokenId, string text, long timestamp) =>
        new(GenerationEventKind.Token, tokenId, text, timestamp, null);

    public static GenerationEvent ForCompletion(GenerationResult result, string trailingText) =>
        new(GenerationEventKind.Completed, -1, trailingText, result.Timings.CompletedAt, result);
}

/// <summary>How a request ended, with counts and timings.</summary>
public sealed record GenerationResult(
    FinishReason FinishReason,
    int PromptTokens,
    int CompletionTokens,
    GenerationTimings Timings,
    string? StopString = null,
    string? Error = null,
    int Slot = -1,
    int CachedPromptTokens = 0);

/// <summary>Stopwatch timestamps (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>) of a request's milestones; 0 = not reached.</summary>
public sealed record GenerationTimings(long QueuedAt, long AdmittedAt, long FirstTokenAt, long CompletedAt)
{
    public TimeSpan QueueTime => Between(QueuedAt, AdmittedAt);

    /// <summary>From admission to the first sampled token: the prompt's prefill.</summary>
    public TimeSpan PrefillTime => Between(AdmittedAt, FirstTokenAt);

    public TimeSpan TimeToFirstToken => Between(QueuedAt, FirstTokenAt);

    public TimeSpan DecodeTime => Between(FirstTokenAt, CompletedAt);

    public TimeSpan Total => Between(QueuedAt, CompletedAt);

    private static TimeSpan Between(long from, long to) =>
        from == 0 || to == 0 ? TimeSpan.Zero : System.Diagnostics.Stopwatch.GetElapsedTime(from, to);
}
