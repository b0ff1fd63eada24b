namespace Inference.Embeddings;

/// <summary>The batcher's queue holds <see cref="MaxQueue"/> requests already: the caller should retry later (HTTP 429).</summary>
public sealed class EmbeddingQueueFullException(int maxQueue)
    : Exception($"The embedding queue is full: {maxQueue} requests are already waiting.")
{
    public int MaxQueue { get; } = maxQueue;
}
