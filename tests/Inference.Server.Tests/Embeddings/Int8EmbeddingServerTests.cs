using System.ClientModel;
using Inference.Embeddings;
using Inference.Server.Hosting;
using Inference.Server.Tests.Integration;
using OpenAI;
using OpenAI.Embeddings;

namespace Inference.Server.Tests.Embeddings;

/// <summary>A real server with all-MiniLM-L6-v2 under <c>--embedding-quantize int8</c>.</summary>
public sealed class Int8EmbeddingServerFixture : EmbeddingModelServerFixture
{
    protected override ServerOptions Options => base.Options with { EmbeddingModel = "minilm", EmbeddingQuantize = "int8", EmbeddingThreads = 1 };
}

public sealed class Int8EmbeddingServerTests(Int8EmbeddingServerFixture fixture) : IClassFixture<Int8EmbeddingServerFixture>
{
    [Fact]
    public async Task The_int8_model_serves_the_same_id_and_vectors_that_keep_their_meaning()
    {
        var client = new EmbeddingClient(
            EmbeddingServerFixture.EmbeddingModelId, new ApiKeyCredential("not-needed"), new OpenAIClientOptions { Endpoint = new Uri(fixture.BaseAddress, "v1") });

        var vectors = (await client.GenerateEmbeddingsAsync(["the pod keeps restarting", "container in a crash loop", "a recipe for banana bread"])).Value
            .Select(v => v.ToFloats().ToArray()).ToArray();

        Assert.All(vectors, v => Assert.Equal(384, v.Length));
        Assert.True(VectorMath.Cosine(vectors[0], vectors[1]) > VectorMath.Cosine(vectors[0], vectors[2]));
        var served = fixture.App.Services.GetRequiredService<EmbeddingHost>().Model!.Model;
        Assert.Equal(EmbeddingQuantization.Int8, Assert.IsType<OnnxEmbeddingModel>(served).Quantization);
    }
}
