using System.Text.Json.Nodes;
using Inference.Kube.Access;
using Inference.Kube.Safety;
using Inference.Kube.Testing;
using Inference.Kube.Tools;
using Inference.Kube.Writes;
using Microsoft.Extensions.Time.Testing;

namespace Inference.Kube.Tests;

/// <summary>
/// A tool session with writes allowed, against a scenario served by the loopback Kubernetes API test server (a
/// stand-in for kube-apiserver). The approver answers as told and keeps every preview it was shown.
/// </summary>
internal sealed class WriteSession : IAsyncDisposable
{
    private WriteSession(ScenarioCluster cluster, KubeContexts contexts, ScriptedApprover approver, RecordingLogger audit, bool allowWrites)
    {
        Cluster = cluster;
        Contexts = contexts;
        Approver = approver;
        Audit = audit;
        Toolbox = KubeToolbox.Create(new KubeToolboxOptions
        {
            Clusters = contexts,
            AllowWrites = allowWrites,
            Approver = approver,
            Audit = audit,
            Clock = new FakeTimeProvider(cluster.Scenario?.Now ?? DateTimeOffset.UtcNow),
        });
    }

    public ScenarioCluster Cluster { get; }

    public KubeContexts Contexts { get; }

    public ScriptedApprover Approver { get; }

    public RecordingLogger Audit { get; }

    public KubeToolbox Toolbox { get; }

    public KubeApiTestServer Server => Cluster.Servers.Values.First();

    public static async Task<WriteSession> StartAsync(string scenarioId, ApprovalDecision answer, bool allowWrites = true)
    {
        KubeFixtures.RequireFixtures();
        var cluster = await ScenarioCluster.StartAsync(scenarioId);
        return new WriteSession(cluster, KubeContexts.Load(cluster.KubeconfigPath), new ScriptedApprover(answer), new RecordingLogger(), allowWrites);
    }

    public Task<ToolResult> CallAsync(string tool, string json) => Toolbox.InvokeAsync(tool, json);

    /// <summary>The object as the API server serves it now (through the admin context), or null when it is gone.</summary>
    public async Task<JsonObject?> ReadAsync(string kind, string? ns, string name)
    {
        var api = Contexts.Api();
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
