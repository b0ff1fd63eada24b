using Inference.Agent;
using Inference.Agent.Brains;
using Inference.Kube.Access;
using Inference.Kube.Tools;

namespace Inference.Server.Cli.Agent;

/// <summary>
/// One agent command's session: the clusters, the brain, the tools and the agent (and, with --model-path, the server
/// running the model in this process), disposed together.
/// </summary>
internal sealed class AgentHost(KubeContexts clusters, BrainEndpoint brain, KubeToolbox toolbox, KubeAgent agent, ILoggerFactory logging, WebApplication? localServer)
    : IAsyncDisposable
{
    public KubeContexts Clusters => clusters;

    public BrainEndpoint Brain => brain;

    public KubeToolbox Toolbox => toolbox;

    public KubeAgent Agent => agent;

    public async ValueTask DisposeAsync()
    {
        brain.Chat.Dispose();
        logging.Dispose();
        clusters.Dispose();
        if (localServer is not null)
        {
            await localServer.StopAsync();
            await localServer.DisposeAsync();
        }
    }
}
