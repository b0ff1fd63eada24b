using Inference.Agent;
using Inference.Agent.Brains;
using Inference.Kube.Access;
using Inference.Kube.Tools;

namespace Inference.Server.Cli.Agent;

/// <summary>One agent command's session: the clusters, the brain, the tools and the agent, disposed together.</summary>
internal sealed class AgentHost(KubeContexts clusters, BrainEndpoint brain, KubeToolbox toolbox, KubeAgent agent, ILoggerFactory logging) : IDisposable
{
    public KubeContexts Clusters => clusters;

    public BrainEndpoint Brain => brain;

    public KubeToolbox Toolbox => toolbox;

    public KubeAgent Agent => agent;

    public void Dispose()
    {
        brain.Chat.Dispose();
        logging.Dispose();
        clusters.Dispose();
    }
}
