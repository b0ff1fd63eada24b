using System.Text;
using System.Text.Json;

namespace Inference.Server.Tests.Integration;

[Collection(ServerCollection.Name)]
public class CompletionsAndModelsTests(ServerFixture fixture)
{
    [Fact]
    public async Task A_text_completion_streamed_and_not_gives_the_same_text_and_exact_usage()
    {
        const string body = """{"prompt":"Once upon a time","max_tokens":10,"temperature":0}""";
        var (status, json, _) = await JsonHttp.PostAsync(fixture.Http, "/v1/completions", body);

        Assert.Equal(200, status);
        Assert.Equal("text_completion", json.GetProperty("object").GetString());
        var text = json.GetProperty("choices")[0].GetProperty("text").GetString();
        Assert.Equal("length", json.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        var promptTokens = fixture.Served.Model.Vocab.Tokenize("Once upon a time", addSpecial: true, parseSpecial: true).Length;
        Assert.Equal(promptTokens, json.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(10, json.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal(promptTokens + 10, json.GetProperty("usage").GetProperty("total_tokens").GetInt32());

        var streamBody = """{"prompt":"Once upon a time","max_tokens":10,"temperature":0,"stream":true,"stream_options":{"include_usage":true}}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/completions") { Content = new StringContent(streamBody, Encoding.UTF8, "application/json") };
        using var response = await fixture.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var events = await JsonHttp.ReadEventsAsync(response);

        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e).RootElement).ToList();
        var streamed = string.Concat(chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0)
            .Select(c => c.GetProperty("choices")[0].GetProperty("text").GetString()));
        Assert.Equal(text, streamed);
        Assert.Equal(10, chunks[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Models_lists_the_served_model_with_its_context_and_size()
    {
        var (status, json) = await JsonHttp.GetAsync(fixture.Http, "/v1/models");

        Assert.Equal(200, status);
        Assert.Equal("list", json.GetProperty("object").GetString());
        var model = json.GetProperty("data")[0];
        Assert.Equal(fixture.ModelId, model.GetProperty("id").GetString());
        Assert.Equal("model", model.GetProperty("object").GetString());
        Assert.True(model.GetProperty("created").GetInt64() > 0);
        Assert.False(string.IsNullOrEmpty(model.GetProperty("owned_by").GetString()));
        Assert.Equal(4096, model.GetProperty("meta").GetProperty("n_ctx").GetInt32());
        Assert.True(model.GetProperty("meta").GetProperty("n_params").GetInt64() > 1_000_000);

        var sdkModels = new OpenAI.Models.OpenAIModelClient(new System.ClientModel.ApiKeyCredential("x"), new OpenAI.OpenAIClientOptions { Endpoint = new Uri(fixture.BaseAddress, "v1") });
        var listed = await sdkModels.GetModelsAsync();
        Assert.Equal(fixture.ModelId, Assert.Single(listed.Value).Id);
    }

    [Fact]
    public async Task Health_is_ok_once_loaded_and_liveness_always_answers()
    {
        var (status, json) = await JsonHttp.GetAsync(fixture.Http, "/health");
        Assert.Equal(200, status);
        Assert.Equal("ok", json.GetProperty("status").GetString());

        var (liveStatus, _) = await JsonHttp.GetAsync(fixture.Http, "/health/live");
        Assert.Equal(200, liveStatus);
    }
}
