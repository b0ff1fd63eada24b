using System.Text;
using Inference.Server.Hosting;
using Inference.Server.Tests.Integration;

namespace Inference.Server.Tests.Operations;

/// <summary>A server this test stops itself.</summary>
public sealed class DrainServerFixture : ServerFixture
{
    protected override ServerOptions Options => base.Options with { Parallel = 2, DrainTimeout = 60 };
}

public class DrainTests(DrainServerFixture fixture) : IClassFixture<DrainServerFixture>
{
    [Fact]
    public async Task Stopping_the_host_refuses_new_requests_and_lets_the_running_stream_finish()
    {
        var body = """{"messages":[{"role":"user","content":"keep going"}],"max_tokens":1500,"ignore_eos":true,"temperature":0,"stream":true}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var running = await fixture.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await running.Content.ReadAsStreamAsync());
        await reader.ReadLineAsync(); // the role chunk: the request is submitted (queued or running)

        var host = fixture.App.Services.GetRequiredService<ModelHost>();
        var stopping = fixture.App.StopAsync();
        await host.Draining;

        var (status, json, _) = await JsonHttp.PostAsync(fixture.Http, "/v1/chat/completions", """{"messages":[{"role":"user","content":"too late"}],"max_tokens":2}""");
        var (embeddingStatus, embeddingJson, _) = await JsonHttp.PostAsync(fixture.Http, "/v1/embeddings", """{"input":"too late"}""");
        var (healthStatus, _) = await JsonHttp.GetAsync(fixture.Http, "/health");
        Assert.Equal(503, status);
        JsonHttp.AssertOpenAiError(json, code: "shutting_down");
        Assert.Equal(503, embeddingStatus);
        JsonHttp.AssertOpenAiError(embeddingJson, code: "shutting_down");
        Assert.Equal(503, healthStatus);
        Assert.False(stopping.IsCompleted, "the host must wait for the running stream");

        var rest = await reader.ReadToEndAsync();
        Assert.Contains("\"finish_reason\":\"length\"", rest, StringComparison.Ordinal);
        Assert.Contains("data: [DONE]", rest, StringComparison.Ordinal);
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
