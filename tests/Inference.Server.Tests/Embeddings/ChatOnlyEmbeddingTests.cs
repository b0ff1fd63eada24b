using Inference.Server.Hosting;
using Inference.Server.Tests.Integration;

namespace Inference.Server.Tests.Embeddings;

/// <summary>A server with a chat model only: embeddings are a 400 naming the model, never a 404 route or a 500.</summary>
[Collection(ServerCollection.Name)]
public sealed class ChatOnlyEmbeddingTests(ServerFixture fixture)
{
    [Fact]
    public async Task Embeddings_from_a_chat_only_server_are_a_400_naming_the_model()
    {
        var (named, namedJson, _) = await JsonHttp.PostAsync(fixture.Http, "/v1/embeddings", $$"""{"model":"{{fixture.ModelId}}","input":"x"}""");
        var (unnamed, unnamedJson, _) = await JsonHttp.PostAsync(fixture.Http, "/v1/embeddings", """{"input":"x"}""");

        Assert.Equal(400, named);
        JsonHttp.AssertOpenAiError(namedJson, "model", "model_not_supported");
        Assert.Contains(fixture.ModelId, namedJson.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(400, unnamed);
        JsonHttp.AssertOpenAiError(unnamedJson, "model", "model_not_supported");
    }
}

/// <summary>An embedding model that cannot load: /health is not ready although the chat model is.</summary>
public sealed class MissingEmbeddingModelServerFixture : ServerFixture
{
    protected override ServerOptions Options => base.Options with { EmbeddingModel = "/nonexistent/embedding-model" };

    protected override async Task WaitUntilLoadedAsync()
    {
        await base.WaitUntilLoadedAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => App.Services.GetRequiredService<EmbeddingHost>().Ready.WaitAsync(TimeSpan.FromMinutes(1)));
    }
}

public sealed class EmbeddingLoadFailureTests(MissingEmbeddingModelServerFixture fixture) : IClassFixture<MissingEmbeddingModelServerFixture>
{
    [Fact]
    public async Task Health_is_ready_only_when_every_configured_model_is_loaded()
    {
        var (status, json) = await JsonHttp.GetAsync(fixture.Http, "/health");
        var (embedStatus, embedJson, _) = await JsonHttp.PostAsync(fixture.Http, "/v1/embeddings", """{"input":"x"}""");

        Assert.Equal(503, status);
        Assert.Contains("/nonexistent/embedding-model", json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(503, embedStatus);
        JsonHttp.AssertOpenAiError(embedJson, code: "model_load_failed");
    }
}
