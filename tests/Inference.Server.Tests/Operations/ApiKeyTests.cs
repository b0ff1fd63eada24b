using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;
using Grpc.Health.V1;
using Inference.Protos.V1;
using Inference.Server.Hosting;
using Inference.Server.Tests.Integration;
using static Inference.Server.Tests.Grpc.GrpcClients;

namespace Inference.Server.Tests.Operations;

/// <summary>One key on the command line, one in a key file.</summary>
public sealed class ApiKeyServerFixture : ServerFixture
{
    public const string Key = "sk-test-command-line";
    public const string FileKey = "sk-test-from-file";

    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), $"keys-{Guid.NewGuid():N}.txt");

    protected override ServerOptions Options => base.Options with { ApiKeys = [Key], ApiKeyFile = _keyFile };

    public override async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(_keyFile, $"# comment\n\n{FileKey}\n");
        await base.InitializeAsync();
        File.Delete(_keyFile);
    }
}

public class ApiKeyTests(ApiKeyServerFixture fixture) : IClassFixture<ApiKeyServerFixture>
{
    private const string ModelsPath = "/v1/models";

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong")]
    [InlineData("Basic " + ApiKeyServerFixture.Key)]
    public async Task Http_without_a_valid_key_is_a_401_in_the_openai_shape(string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ModelsPath);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await fixture.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        JsonHttp.AssertOpenAiError(body, code: "invalid_api_key");
    }

    [Theory]
    [InlineData(ApiKeyServerFixture.Key)]
    [InlineData(ApiKeyServerFixture.FileKey)]
    public async Task Http_with_a_key_from_the_command_line_or_the_file_is_served(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ModelsPath);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);

        using var response = await fixture.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/health/live")]
    [InlineData("/metrics")]
    public async Task Probes_and_metrics_need_no_key(string path)
    {
        using var response = await fixture.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Grpc_without_a_key_is_unauthenticated_and_with_one_is_served()
    {
        using var channel = Channel(fixture.GrpcAddress);
        var client = InferenceClient(channel);

        var missing = await Assert.ThrowsAsync<RpcException>(async () => await client.ListModelsAsync(new ListModelsRequest()));
        var wrong = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.ListModelsAsync(new ListModelsRequest(), new Metadata { { "authorization", "Bearer wrong" } }));
        var models = await client.ListModelsAsync(new ListModelsRequest(), new Metadata { { "authorization", "Bearer " + ApiKeyServerFixture.FileKey } });

        Assert.Equal(StatusCode.Unauthenticated, missing.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, wrong.StatusCode);
        Assert.Single(models.Models);
    }

    [Fact]
    public async Task The_grpc_health_service_needs_no_key()
    {
        using var channel = Channel(fixture.GrpcAddress);

        var reply = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }
}

public sealed class MetricsKeyServerFixture : ServerFixture
{
    protected override ServerOptions Options => base.Options with { ApiKeys = [ApiKeyServerFixture.Key], MetricsRequireKey = true };
}

public class MetricsKeyTests(MetricsKeyServerFixture fixture) : IClassFixture<MetricsKeyServerFixture>
{
    [Fact]
    public async Task With_metrics_require_key_a_scrape_needs_the_key()
    {
        using var anonymous = await fixture.Http.GetAsync("/metrics");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiKeyServerFixture.Key);
        using var authorized = await fixture.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, authorized.StatusCode);
    }
}
