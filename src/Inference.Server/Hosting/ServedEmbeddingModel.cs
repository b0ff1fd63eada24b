using Inference.Embeddings;

namespace Inference.Server.Hosting;

/// <summary>The embedding model the server answers with, once loaded, behind its batcher.</summary>
public sealed class ServedEmbeddingModel(string id, EmbeddingBatcher batcher, long createdUnixSeconds) : IDisposable
{
    /// <summary>The id clients send as "model".</summary>
    public string Id { get; } = id;

    public EmbeddingBatcher Batcher { get; } = batcher;

    public IEmbeddingModel Model => Batcher.Model;

    public long CreatedUnixSeconds { get; } = createdUnixSeconds;

    public void Dispose()
    {
        Batcher.Dispose();
        Batcher.Model.Dispose();
    }
}
