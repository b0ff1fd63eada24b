using System.Text.Json.Nodes;
using Inference.Kube.Access;
using Inference.Kube.Safety;
using Inference.Kube.Testing;
using Inference.Kube.Tools;
using Inference.Kube.Writes;

namespace Inference.Agent.Tests;

/// <summary>
/// An agent on a scripted brain against a scenario served by the loopback Kubernetes API test server (a stand-in
/// for kube-apiserver). The approver answers every write as told and keeps the previews it was shown (unless the
/// test brings its own approver).
/// </summary>
internal sealed class AgentSession : IAsyncDisposable
{
    private AgentSession(ScenarioCluster cluster, KubeContexts contexts, ScriptedApprover approver, KubeToolbox toolbox, KubeAgent agent, ScriptedBrain brain)
    {
        Cluster = cluster;
        Contexts = contexts;
        Approver = approver;
        Toolbox = toolbox;
        Agent = agent;
        Brain = brain;
    }

    public ScenarioCluster Cluster { get; }

    public KubeContexts Contexts { get; }

    public ScriptedApprover Approver { get; }

    public KubeToolbox Toolbox { get; }

    public KubeAgent Agent { get; }

    public ScriptedBrain Brain { get; }

    public KubeApiTestServer Server => Cluster.Servers.Values.First();

    public static async Task<AgentSession> StartAsync(string scenarioId, ScriptedBrain brain, bool allowWrites = false,
        ApprovalDecision answer = ApprovalDecision.Declined, KubeAgentOptions? options = null, IWriteApprover? approver = null)
    {
        KubeFixtures.RequireFixtures();
        options ??= new KubeAgentOptions();
        var cluster = await ScenarioCluster.StartAsync(scenarioId);
        var contexts = KubeContexts.Load(cluster.KubeconfigPath);
        var scripted = new ScriptedApprover(answer);
        var toolbox = KubeToolbox.Create(new KubeToolboxOptions
        {
            Clusters = contexts,
            AllowWrites = allowWrites,
            Approver = approver ?? scripted,
            ModelContextTokens = options.ContextTokens,
        });
        return new AgentSession(cluster, contexts, scripted, toolbox, new KubeAgent(brain, toolbox, contexts, options), brain);
    }

    /// <summary>Runs one turn and returns its events; <paramref name="onEvent"/> sees each as it comes.</summary>
    public async Task<List<AgentEvent>> AskAsync(string question, Action<AgentEvent>? onEvent = null)
    {
        List<AgentEvent> events = [];
        await foreach (var e in Agent.AskAsync(question))
        {
            onEvent?.Invoke(e);
            events.Add(e);
        }

        return events;
    }

    /// <summary>The object as the API server serves it now, or null when it is gone.</summary>
    public async Task<JsonObject?> ReadAsync(string kind, string? ns, string name)
    {
        var api = new KubeApi(Contexts.Current, Contexts.Client());
        var type = await api.ResolveAsync(kind, CancellationToken.None);
        return await KubeObjects.FindAsync(api.Client, type, ns, name, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        Contexts.Dispose();
        await Cluster.DisposeAsync();
    }
}

/// <summary>Answers every write with one decision and keeps the previews it was shown.</summary>
internal sealed class ScriptedApprover(ApprovalDecision answer) : IWriteApprover
{
    private readonly List<WritePreview> _previews = [];

    public IReadOnlyList<WritePreview> Previews => _previews;

    public Task<ApprovalDecision> ApproveAsync(WritePreview preview, CancellationToken ct)
    {
        _previews.Add(preview);
        return Task.FromResult(answer);
    }
}
