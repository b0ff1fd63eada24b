using System.IO.Pipelines;
using System.Text.Json;
using Inference.Kube.Access;
using Inference.Kube.Mcp;
using Inference.Kube.Testing;
using Inference.Kube.Tools;
using Inference.Kube.Writes;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Inference.Kube.Tests;

/// <summary>
/// The SDK's MCP client against the cluster tools' MCP server, connected in process by two pipes (the stdio
/// transport's framing without a child process), over the loopback Kubernetes API test server (a stand-in for kube-apiserver).
/// </summary>
public sealed class McpToolsTests
{
    private const string Scenario = "crashloop-missing-env";
    private const string Scale = """{"name":"checkout","namespace":"shop","replicas":4}""";

    [SkippableFact]
    public async Task The_client_lists_the_read_tools_with_their_schemas_and_calls_one()
    {
        await using var mcp = await McpSession.StartAsync(allowWrites: false, elicitation: null);

        var tools = await mcp.Client.ListToolsAsync();

        Assert.Equal(mcp.Toolbox.Tools.Select(t => t.Name).Order(), tools.Select(t => t.Name).Order());
        Assert.DoesNotContain(tools, t => t.Name is "scale" or "apply_manifest" or "delete_resource");
        foreach (var tool in tools)
        {
            var expected = mcp.Toolbox.Tools.Single(t => t.Name == tool.Name).Parameters;
            Assert.Equal(expected.GetRawText(), tool.JsonSchema.GetRawText());
            Assert.True(tool.ProtocolTool.Annotations?.ReadOnlyHint);
        }

        var result = await mcp.Client.CallToolAsync("list_contexts", new Dictionary<string, object?>());
        Assert.NotEqual(true, result.IsError);
        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        Assert.Contains("default-readonly", text, StringComparison.Ordinal);

        // A write tool is not served at all in a read-only session.
        await Assert.ThrowsAsync<McpProtocolException>(async () => await mcp.Client.CallToolAsync("scale", JsonArgs(Scale)));
    }

    [SkippableFact]
    public async Task A_write_is_refused_when_the_client_cannot_be_asked()
    {
        await using var mcp = await McpSession.StartAsync(allowWrites: true, elicitation: null);
        var before = await mcp.Write.ReadAsync("deployment", "shop", "checkout");

        var result = await mcp.Client.CallToolAsync("scale", JsonArgs(Scale));

        Assert.True(result.IsError);
        Assert.StartsWith("Denied: writes need approval", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text, StringComparison.Ordinal);
        Assert.Equal(before!.ResourceVersion(), (await mcp.Write.ReadAsync("deployment", "shop", "checkout"))!.ResourceVersion());
    }

    [SkippableFact]
    public async Task A_client_that_answers_yes_to_the_elicitation_gets_the_write()
    {
        var asked = new List<ElicitRequestParams>();
        await using var mcp = await McpSession.StartAsync(allowWrites: true, elicitation: Answer(asked, accept: true));

        var result = await mcp.Client.CallToolAsync("scale", JsonArgs(Scale));

        Assert.NotEqual(true, result.IsError);
        var request = Assert.Single(asked);
        Assert.Contains("scale Deployment/shop/checkout to 4 replicas", request.Message, StringComparison.Ordinal);
        Assert.Contains("+  replicas: 4", request.Message, StringComparison.Ordinal);
        Assert.Contains("approve", request.RequestedSchema!.Properties.Keys);
        Assert.Equal(4, (await mcp.Write.ReadAsync("deployment", "shop", "checkout")).Num("spec", "replicas"));
    }

    [SkippableFact]
    public async Task A_client_that_answers_no_gets_a_declined_result_and_no_change()
    {
        var asked = new List<ElicitRequestParams>();
        await using var mcp = await McpSession.StartAsync(allowWrites: true, elicitation: Answer(asked, accept: false));
        var before = await mcp.Write.ReadAsync("deployment", "shop", "checkout");

        var result = await mcp.Client.CallToolAsync("scale", JsonArgs(Scale));

        Assert.True(result.IsError);
        Assert.StartsWith("Declined by the user", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text, StringComparison.Ordinal);
        Assert.Single(asked);
        Assert.Equal(before!.ResourceVersion(), (await mcp.Write.ReadAsync("deployment", "shop", "checkout"))!.ResourceVersion());
    }

    private static Func<ElicitRequestParams?, CancellationToken, ValueTask<ElicitResult>> Answer(List<ElicitRequestParams> asked, bool accept) =>
        (request, _) =>
        {
            asked.Add(request!);
            return ValueTask.FromResult(new ElicitResult
            {
                Action = "accept",
                Content = new Dictionary<string, JsonElement> { ["approve"] = JsonSerializer.SerializeToElement(accept) },
            });
        };

    private static Dictionary<string, object?> JsonArgs(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!.ToDictionary(p => p.Key, p => (object?)p.Value);

    /// <summary>A scenario cluster, an MCP server over its tools, and the SDK's client, joined by in-memory pipes.</summary>
    private sealed class McpSession : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private McpServer _server = null!;
        private Task _running = Task.CompletedTask;

        public required WriteSession Write { get; init; }

        public required KubeToolbox Toolbox { get; init; }

        public McpClient Client { get; private set; } = null!;

        public static async Task<McpSession> StartAsync(bool allowWrites, Func<ElicitRequestParams?, CancellationToken, ValueTask<ElicitResult>>? elicitation)
        {
            KubeFixtures.RequireFixtures();
            var write = await WriteSession.StartAsync(Scenario, Safety.ApprovalDecision.Denied, allowWrites);
            var toolbox = KubeMcpTools.CreateToolbox(new KubeToolboxOptions { Clusters = write.Contexts, AllowWrites = allowWrites });
            var session = new McpSession { Write = write, Toolbox = toolbox };
            var toServer = new Pipe();
            var toClient = new Pipe();
            session._server = McpServer.Create(new StreamServerTransport(toServer.Reader.AsStream(), toClient.Writer.AsStream()), KubeMcpTools.ServerOptions(toolbox));
            session._running = session._server.RunAsync(session._stop.Token);
            var options = new McpClientOptions();
            if (elicitation is not null)
                options.Handlers = new McpClientHandlers { ElicitationHandler = elicitation };
            session.Client = await McpClient.CreateAsync(new StreamClientTransport(toServer.Writer.AsStream(), toClient.Reader.AsStream()), options);
            return session;
        }

        public async ValueTask DisposeAsync()
        {
            await Client.DisposeAsync();
            await _stop.CancelAsync();
            try
            {
                await _running;
            }
            catch (OperationCanceledException)
            {
                // the server stops when told to
            }

            await _server.DisposeAsync();
            _stop.Dispose();
            await Write.DisposeAsync();
        }
    }
}
