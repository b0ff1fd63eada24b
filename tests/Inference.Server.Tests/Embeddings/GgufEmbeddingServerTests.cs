using Inference.Server.Hosting;
using Inference.Server.Tests.Integration;
using Inference.Testing;

namespace Inference.Server.Tests.Embeddings;

/// <summary>A server whose embedding model is the generated GGUF one (llama.cpp's embedding context).</summary>
public sealed class GgufEmbeddingServerFixture : EmbeddingModelServerFixture
{
    protected override ServerOptions Options => base.Options with { EmbeddingModel = TestModels.Embedding, EmbeddingThreads = TestModels.Threads };
}

public sealed class GgufEmbeddingServerTests(GgufEmbeddingServerFixture fixture) : IClassFixture<GgufEmbeddingServerFixture>
{
    [Fact]
    public async Task The_sdk_gets_vectors_of_the_gguf_model_and_each_input_is_its_own_sequence()
    {
        var model = Path.GetFileNameWithoutExtension(TestModels.Embedding);
        var client = new OpenAI.Embeddings.EmbeddingClient(
            model, new System.ClientModel.ApiKeyCredential("not-needed"), new OpenAI.OpenAIClientOptions { Endpoint = new Uri(fixture.BaseAddress, "v1") });

        var alone = (await client.GenerateEmbeddingAsync("node not ready")).Value.ToFloats().ToArray();
        var batch = (await client.GenerateEmbeddingsAsync(["disk pressure", "node not ready"])).Value;

        Assert.Equal(256, alone.Length);
        var batched = batch[1].ToFloats().ToArray();
        Assert.True(alone.Zip(batched, (a, b) => MathF.Abs(a - b)).Max() <= 1e-6f);
        Assert.NotEqual(batch[0].ToFloats().ToArray(), batched);
    }
}
