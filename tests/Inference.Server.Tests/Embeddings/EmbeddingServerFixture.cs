using System.ClientModel;
using Inference.Server.Hosting;
using Inference.Server.Tests.Integration;
using OpenAI;
using OpenAI.Embeddings;

namespace Inference.Server.Tests.Embeddings;

/// <summary>A real server with two models: the generated tiny chat model and the real all-MiniLM-L6-v2 (from its package).</summary>
public sealed class EmbeddingServerFixture : EmbeddingModelServerFixture
{
    public const string EmbeddingModelId = "all-MiniLM-L6-v2";

    protected override ServerOptions Options => base.Options with { EmbeddingModel = "minilm", EmbeddingThreads = 1 };

    public EmbeddingClient Embeddings(string model = EmbeddingModelId) =>
        new(model, new ApiKeyCredential("not-needed"), new OpenAIClientOptions { Endpoint = new Uri(BaseAddress, "v1") });
}
