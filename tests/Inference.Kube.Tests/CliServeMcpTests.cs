using System.Net;
using System.Text;
using Inference.Kube.Safety;
using Inference.Server.Hosting;
using Inference.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;

namespace Inference.Kube.Tests;

/// <summary>
/// `inference serve --mcp`: the inference server (real Kestrel on 127.0.0.1, the generated tiny model) also serves the
/// cluster tools at /mcp over streamable HTTP, behind its API keys; the cluster is the loopback Kubernetes API test
/// server (a stand-in for kube-apiserver).
/// </summary>
public sealed class CliServeMcpTests
{
    private const string Key = "test-key-for-mcp";

    [SkippableFact]
    public async Task Serve_with_mcp_serves_the_tools_at_slash_mcp_behind_the_api_keys()
    {
        await using var session = await WriteSession.StartAsync("crashloop-missing-env", ApprovalDecision.Denied);
        var options = new ServerOptions
        {
            Model = TestModels.Tiny,
            Port = 0,
            GrpcPort = 0,
            Parallel = 1,
            CtxSize = 256,
            BatchSize = 64,
            Threads = TestModels.Threads,
            ApiKeys = [Key],
            Mcp = true,
            Kubeconfig = session.Cluster.KubeconfigPath,
            CacheDir = Path.Combine(RepositoryPaths.Root, "artifacts", "test-cache"),
        };
        await using var app = ServerApp.Build(options, logging => logging.SetMinimumLevel(LogLevel.Warning));
        await app.StartAsync();
        try
        {
            var endpoint = new Uri(app.GetBaseAddress(), "/mcp");
            using var http = new HttpClient();
            using var refused = await http.PostAsync(endpoint, new StringContent("{}", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

            await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = endpoint,
                AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {Key}" },
            }));
            var tools = await client.ListToolsAsync();
            var result = await client.CallToolAsync("list_contexts", new Dictionary<string, object?>());

            Assert.Contains(tools, t => t.Name == "list_resources");
            Assert.DoesNotContain(tools, t => t.Name == "scale"); // read-only without --allow-writes
            Assert.NotEqual(true, result.IsError);
        }
        finally
        {
            // The model loads in the background; let it finish so that stopping does not race the load.
            await app.Services.GetRequiredService<ModelHost>().Ready.WaitAsync(TimeSpan.FromMinutes(2));
            await app.StopAsync();
        }
    }
}
