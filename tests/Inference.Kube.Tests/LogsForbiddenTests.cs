using Inference.Kube.Analysis.Analyzers;
using Inference.Kube.Analysis.Snapshot;
using Inference.Kube.Testing;
using k8s;

namespace Inference.Kube.Tests;

/// <summary>
/// A role that may list but not read <c>pods/log</c> (user "no-logs" of the loopback Kubernetes API test server, a
/// stand-in for kube-apiserver): the analysis goes on from statuses and events instead of failing on the 403.
/// </summary>
public sealed class LogsForbiddenTests
{
    [SkippableFact]
    public async Task A_role_without_pods_log_still_gets_the_root_cause()
    {
        KubeFixtures.RequireFixtures();
        await using var cluster = await ScenarioCluster.StartAsync("crashloop-missing-env");
        var server = cluster.Servers.Values.First();
        using var client = new Kubernetes(new KubernetesClientConfiguration { Host = server.BaseAddress.ToString(), AccessToken = KubeApiTestServer.NoLogsToken });

        var snapshot = await LiveSnapshotLoader.LoadAsync(client, ns: null, DateTimeOffset.UtcNow);
        var findings = await new ClusterAnalyzer().AnalyzeAsync(snapshot);

        Assert.Contains(server.Requests, r => r.PathAndQuery.Contains("/log", StringComparison.Ordinal) && r.Status == 403);
        var expected = cluster.Scenario!.ExpectedFindings[0].Object;
        Assert.Contains(findings, f => f.Object.ToString() == expected);
    }
}
