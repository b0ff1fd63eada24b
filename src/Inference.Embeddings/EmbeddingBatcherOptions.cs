namespace Inference.Embeddings;

public sealed record EmbeddingBatcherOptions
{
    /// <summary>
    /// The defaults for <paramref name="model"/>: as many workers as it runs Embed calls at once; for llama.cpp, up to
    /// a decode's sequences within <see cref="LlamaEmbeddingModel.PreferredBatchTokens"/> (docs/embeddings.md).
    /// </summary>
    public static EmbeddingBatcherOptions For(IEmbeddingModel model) => model is LlamaEmbeddingModel
        ? new() { Workers = model.ConcurrentEmbeds, MaxBatch = LlamaEmbeddingModel.MaxSequences, MaxBatchTokens = LlamaEmbeddingModel.PreferredBatchTokens }
        : new() { Workers = model.ConcurrentEmbeds };

    /// <summary>Most inputs in one forward pass.</summary>
    public int MaxBatch { get; init; } = 32;

    /// <summary>Most tokens one forward pass computes (inputs × longest input for a padding model); a longer single input still runs alone.</summary>
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
