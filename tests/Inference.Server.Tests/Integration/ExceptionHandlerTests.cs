using Inference.Server.Hosting;

namespace Inference.Server.Tests.Integration;

/// <summary>A server whose middleware between telemetry and API keys throws for requests that ask it to.</summary>
public sealed class ThrowingMiddlewareServerFixture : ServerFixture
{
    public const string ThrowHeader = "X-Test-Throw";

    protected override WebApplication BuildApp() =>
        ServerApp.Build(Options, logging => logging.SetMinimumLevel(LogLevel.Critical), next => context =>
            context.Request.Headers.ContainsKey(ThrowHeader) ? throw new InvalidOperationException("A fault injected by a test.") : next(context));
}

public class ExceptionHandlerTests(ThrowingMiddlewareServerFixture fixture) : IClassFixture<ThrowingMiddlewareServerFixture>
{
    [Fact]
    public async Task An_exception_in_the_middleware_before_the_endpoints_is_an_openai_500_counted_as_error()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Add(ThrowingMiddlewareServerFixture.ThrowHeader, "1");
        using var response = await fixture.Http.SendAsync(request);

        Assert.Equal(500, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        JsonHttp.AssertOpenAiError(body);
        Assert.Equal("server_error", body.GetProperty("error").GetProperty("type").GetString());
        Assert.DoesNotContain("injected", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);

        var metrics = await Operations.MetricsScrape.ReadAsync(fixture.Http);
        Assert.Equal(1, metrics["inference_requests_total{route=\"/v1/models\",outcome=\"error\"}"]);
    }

    [Fact]
    public async Task The_same_request_without_the_fault_is_served()
    {
        var (status, json) = await JsonHttp.GetAsync(fixture.Http, "/v1/models");

        Assert.Equal(200, status);
        Assert.Equal(fixture.ModelId, json.GetProperty("data")[0].GetProperty("id").GetString());
    }
}
