using Inference.Kube.Access;
using Inference.Kube.Safety;
using Inference.Kube.Testing;
using Inference.Kube.Tools;
using Microsoft.Extensions.Time.Testing;

namespace Inference.Kube.Tests;

/// <summary>
/// A read-only tool session against a scenario served by the loopback Kubernetes API test server (a stand-in for
/// kube-apiserver), with the clock at the scenario's snapshot time.
/// </summary>
internal sealed class ReadSession : IAsyncDisposable
{
    private ReadSession(ScenarioCluster cluster, KubeContexts contexts, KubeToolbox toolbox, RecordingLogger audit)
    {
        Audit = audit;
        Cluster = cluster;
        Contexts = contexts;
        Toolbox = toolbox;
    }

    public ScenarioCluster Cluster { get; }

    public KubeContexts Contexts { get; }

    public KubeToolbox Toolbox { get; }

    public RecordingLogger Audit { get; }

    public static async Task<ReadSession> StartAsync(string scenarioId, ResultBudget? budget = null)
    {
        KubeFixtures.RequireFixtures();
        var cluster = await ScenarioCluster.StartAsync(scenarioId);
        return Create(cluster, budget, cluster.Scenario!.Now);
    }

    public static async Task<ReadSession> StartEmptyAsync(ResultBudget? budget = null, params string[] contexts)
    {
        KubeFixtures.RequireFixtures();
        var cluster = await ScenarioCluster.StartEmptyAsync(contexts);
        return Create(cluster, budget, DateTimeOffset.UtcNow);
    }

    private static ReadSession Create(ScenarioCluster cluster, ResultBudget? budget, DateTimeOffset now)
    {
        var contexts = KubeContexts.Load(cluster.KubeconfigPath);
        var audit = new RecordingLogger();
        var toolbox = KubeToolbox.Create(new KubeToolboxOptions
        {
            Clusters = contexts,
            Budget = budget,
            Clock = new FakeTimeProvider(now),
            Audit = audit,
        });
        return new ReadSession(cluster, contexts, toolbox, audit);
    }

    public Task<ToolResult> CallAsync(string tool, string json = "{}") => Toolbox.InvokeAsync(tool, json);

    public async ValueTask DisposeAsync()
    {
        Contexts.Dispose();
        await Cluster.DisposeAsync();
    }
}
