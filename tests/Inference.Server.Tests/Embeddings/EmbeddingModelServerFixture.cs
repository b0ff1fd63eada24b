using Inference.Server.Hosting;
using Inference.Server.Tests.Integration;

namespace Inference.Server.Tests.Embeddings;

/// <summary>A real server that also serves an embedding model: ready once the embedding model is loaded too.</summary>
public abstract class EmbeddingModelServerFixture : ServerFixture
{
    protected override async Task WaitUntilLoadedAsync()
    {
        await base.WaitUntilLoadedAsync();
        await App.Services.GetRequiredService<EmbeddingHost>().Ready.WaitAsync(TimeSpan.FromMinutes(2));
    }
}
