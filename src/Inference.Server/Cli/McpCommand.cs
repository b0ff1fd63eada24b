using System.CommandLine;
using System.Net;
using Inference.Kube.Mcp;
using Inference.Server.Kube;

namespace Inference.Server.Cli;

/// <summary>`inference mcp`: the cluster tools over MCP, on stdio (default) or streamable HTTP at /mcp (--http).</summary>
internal static class McpCommand
{
    public static Command Create()
    {
        var session = new KubeSessionOptions();
        var http = new Option<bool>("--http") { Description = "Serve streamable HTTP at /mcp instead of stdio" };
        var host = new Option<string>("--host") { Description = "Address to listen on with --http (default 127.0.0.1)", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "Port with --http (default 8090)", DefaultValueFactory = _ => 8090 };
        var command = new Command("mcp", "Serve the Kubernetes tools over the Model Context Protocol (read-only unless --allow-writes; writes are approved by the client through elicitation)")
        {
            http, host, port,
        };
        session.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                using var logging = KubeSessionOptions.StderrLogging();
                var audit = logging.CreateLogger("Inference.Kube.Audit");
                var clusters = KubeMcpHosting.LoadClusters(parse.GetValue(session.Kubeconfig), parse.GetValue(session.Context), messagePrefix: "");
                var allowWrites = parse.GetValue(session.AllowWrites);
                var context = parse.GetValue(session.Context);
                if (parse.GetValue(http))
                    await ServeHttpAsync(parse.GetValue(host)!, parse.GetValue(port), clusters, allowWrites, context, audit, ct);
                else
                    await ServeStdioAsync(clusters, allowWrites, context, audit, ct);
                return 0;
            }
            catch (Exception e) when (KubeSessionOptions.IsUsageError(e))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(e.Message.AsMemory(), ct);
                return 2;
            }
        });
        return command;
    }

    private static async Task ServeStdioAsync(Inference.Kube.Access.KubeContexts clusters, bool allowWrites, string? context, ILogger audit, CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        // stdout is the protocol stream: every log line goes to stderr.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.AddSingleton(clusters);
        var toolbox = KubeMcpTools.CreateToolbox(new() { Clusters = clusters, AllowWrites = allowWrites, Audit = audit });
        builder.Services.AddMcpServer().WithStdioServerTransport().WithKubeTools(toolbox, context);
        using var host = builder.Build();
        await host.RunAsync(ct);
    }

    private static async Task ServeHttpAsync(string host, int port, Inference.Kube.Access.KubeContexts clusters, bool allowWrites, string? context, ILogger audit, CancellationToken ct)
    {
        if (port is < 0 or > 65535)
            throw new ArgumentException($"--port must be between 0 and 65535 (got {port}).");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            if (IPAddress.TryParse(host, out var address))
                kestrel.Listen(address, port);
            else
                kestrel.ListenLocalhost(port);
        });
        builder.Services.AddKubeMcp(clusters, allowWrites, context, audit);
        await using var app = builder.Build();
        app.MapMcp(KubeMcpHosting.Path);
        await app.RunAsync(ct);
    }
}
