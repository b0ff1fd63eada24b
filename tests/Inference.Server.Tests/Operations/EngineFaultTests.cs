using System.Text;
using Grpc.Health.V1;
using Inference.Server.Tests.Integration;
using static Inference.Server.Tests.Grpc.GrpcClients;

namespace Inference.Server.Tests.Operations;

/// <summary>A server whose engine the test kills (its own, since the fault is for good).</summary>
public sealed class EngineFaultServerFixture : ServerFixture;

public class EngineFaultTests(EngineFaultServerFixture fixture) : IClassFixture<EngineFaultServerFixture>
{
    [Fact]
    public async Task An_engine_fault_fails_the_running_stream_readiness_liveness_and_grpc_health_with_the_reason()
    {
        var body = """{"messages":[{"role":"user","content":"keep going"}],"max_tokens":1500,"ignore_eos":true,"temperature":0,"stream":true}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var running = await fixture.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await running.Content.ReadAsStreamAsync());
        await reader.ReadLineAsync(); // the role chunk: the request is in the engine

        fixture.Served.Engine.InjectFaultForTest();
        var rest = await reader.ReadToEndAsync();
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => fixture.Served.Engine.Completion);

        Assert.Contains("The inference engine failed", rest, StringComparison.Ordinal);
        Assert.Contains("data: [DONE]", rest, StringComparison.Ordinal);
        Assert.DoesNotContain("finish_reason\":\"length", rest, StringComparison.Ordinal);

        foreach (var probe in new[] { "/health", "/health/live" })
        {
            var (status, json) = await JsonHttp.GetAsync(fixture.Http, probe);
            Assert.Equal(503, status);
            JsonHttp.AssertOpenAiError(json, code: "engine_failed");
            Assert.Contains("A fault injected by a test.", json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        using var channel = Channel(fixture.GrpcAddress);
        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, health.Status);

        var (chatStatus, chatJson, _) = await JsonHttp.PostAsync(fixture.Http, "/v1/chat/completions", """{"messages":[{"role":"user","content":"anyone there?"}],"max_tokens":2}""");
        Assert.Equal(503, chatStatus);
        JsonHttp.AssertOpenAiError(chatJson, code: "engine_failed");

        var metrics = await MetricsScrape.ReadAsync(fixture.Http);
        Assert.Equal(1, metrics["inference_model_load_state{state=\"failed\"}"]);
        Assert.Equal(0, metrics["inference_model_load_state{state=\"ready\"}"]);
    }
}
