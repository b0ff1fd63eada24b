using Inference.Kube.Tools;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;

namespace Inference.Kube.Mcp;

/// <summary>The cluster tools of a toolbox as MCP tools, for any MCP transport (stdio, streamable HTTP, streams).</summary>
public static class KubeMcpTools
{
    /// <summary>A toolbox for an MCP session: writes, when allowed, are approved by the client through elicitation.</summary>
    public static KubeToolbox CreateToolbox(KubeToolboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return KubeToolbox.Create(new KubeToolboxOptions
        {
            Clusters = options.Clusters,
            AllowWrites = options.AllowWrites,
            Approver = McpElicitationApprover.Instance,
            Budget = options.Budget,
            ModelContextTokens = options.ModelContextTokens,
            TokenCounter = options.TokenCounter,
            Audit = options.Audit,
            Redactor = options.Redactor,
            Clock = options.Clock,
        });
    }

    public static IReadOnlyList<McpServerTool> For(KubeToolbox toolbox, string? defaultContext = null)
    {
        ArgumentNullException.ThrowIfNull(toolbox);
        return [.. toolbox.Tools.Select(t => new KubeMcpTool(t, toolbox, defaultContext))];
    }

    public static IMcpServerBuilder WithKubeTools(this IMcpServerBuilder builder, KubeToolbox toolbox, string? defaultContext = null) =>
        builder.WithTools(For(toolbox, defaultContext));

    /// <summary>Server options carrying the tools, for <see cref="McpServer.Create"/> over a transport of one's own.</summary>
    public static McpServerOptions ServerOptions(KubeToolbox toolbox, string? defaultContext = null)
    {
        var options = new McpServerOptions { ServerInfo = new() { Name = "inference-kube", Version = "1.0" }, ToolCollection = [] };
        foreach (var tool in For(toolbox, defaultContext))
            options.ToolCollection.Add(tool);
        return options;
    }
}
