namespace Inference.Embeddings;

public sealed record EmbeddingBatcherOptions
{
    public const int DefaultMaxBatch = 32;

    /// <summary>Most inputs in one forward pass.</summary>
    public int MaxBatch { get; init; } = DefaultMaxBatch;

    /// <summary>Most padded tokens (inputs × longest input) in one forward pass; a longer single input still runs alone.</summary>
    public int MaxBatchTokens { get; init; } = 8192;

    /// <summary>
    /// What one forward pass costs beyond its tokens, counted in tokens: a longer input joins a batch only while the
    /// padding it adds costs less (<see cref="EmbeddingBatchPlanner"/>). MiniLM on one CPU thread spends 2–3 ms per
    /// pass besides about 0.25 ms per token (docs/embeddings.md).
    /// </summary>
    public int PassOverheadTokens { get; init; } = 10;

    /// <summary>Threads running batches; at most the model's <see cref="IEmbeddingModel.ConcurrentEmbeds"/>.</summary>
    public int Workers { get; init; } = 1;

    /// <summary>Requests that may wait before <see cref="EmbeddingQueueFullException"/>.</summary>
    public int MaxQueue { get; init; } = 256;
}
