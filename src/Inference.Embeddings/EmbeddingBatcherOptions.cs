namespace Inference.Embeddings;

public sealed record EmbeddingBatcherOptions
{
    /// <summary>Most inputs in one forward pass.</summary>
    public int MaxBatch { get; init; } = 32;

    /// <summary>Most padded tokens (inputs × longest input) in one forward pass; a longer single input still runs alone.</summary>
    public int MaxBatchTokens { get; init; } = 8192;

    /// <summary>Most padded tokens per real token in one forward pass: a longer input starts a new batch instead of padding the rest to it.</summary>
    public double MaxPaddingRatio { get; init; } = 1.15;

    /// <summary>Threads forming and running batches; more than one only for a model whose Embed may run concurrently (ONNX Runtime sessions).</summary>
    public int Workers { get; init; } = 1;

    /// <summary>Requests that may wait before <see cref="EmbeddingQueueFullException"/>.</summary>
    public int MaxQueue { get; init; } = 256;
}
