using Inference.Kube.Access;
using Inference.Kube.Mcp;
using Inference.Kube.Tools;

namespace Inference.Server.Kube;

/// <summary>The cluster tools over MCP's streamable HTTP transport, for `inference mcp --http` and `inference serve --mcp`.</summary>
internal static class KubeMcpHosting
{
    public const string Path = "/mcp";

    /// <summary>
    /// Registers the MCP server with the cluster tools. Writes, when allowed, are approved by the client through
    /// elicitation (and refused when it cannot be asked). The contexts are disposed with the host.
    /// </summary>
    public static void AddKubeMcp(this IServiceCollection services, KubeContexts clusters, bool allowWrites, string? defaultContext, ILogger audit)
    {
        services.AddSingleton(clusters);
        var toolbox = KubeMcpTools.CreateToolbox(new KubeToolboxOptions { Clusters = clusters, AllowWrites = allowWrites, Audit = audit });
        services.AddMcpServer().WithHttpTransport().WithKubeTools(toolbox, defaultContext);
    }

    /// <summary>Loads the kubeconfig for a server; a missing one or an unknown --context is an ArgumentException (exit code 2).</summary>
    public static KubeContexts LoadClusters(string? kubeconfig, string? context, string messagePrefix = "--mcp: ")
    {
        try
        {
            var clusters = KubeContexts.Load(kubeconfig);
            if (!string.IsNullOrEmpty(context))
                clusters.Resolve(context);
            return clusters;
        }
        catch (Exception e) when (e is KubeConfigMissingException or UnknownContextException or k8s.Exceptions.KubeConfigException)
        {
            throw new ArgumentException(messagePrefix + e.Message, e);
        }
    }
}
