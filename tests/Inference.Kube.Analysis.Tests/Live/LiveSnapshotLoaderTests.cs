using k8s.Models;
using Inference.Kube.Analysis.Analyzers;
using Inference.Kube.Analysis.Snapshot;
using static Inference.Kube.Analysis.Tests.Analyzers.Build;

namespace Inference.Kube.Analysis.Tests.Live;

public sealed class LiveSnapshotLoaderTests
{
    private static CannedListHandler Api(int pods)
    {
        var objects = Deployment("api", pods, (p, i) =>
        {
            if (i == 0)
            {
                p.Status.ContainerStatuses = [Waiting("main", "CrashLoopBackOff", last: Terminated(1, "Error", TimeSpan.FromSeconds(5)))];
            }
        });
        return new CannedListHandler(new Dictionary<string, IReadOnlyList<object>>
        {
            ["pods"] = [.. objects.OfType<V1Pod>()],
            ["deployments"] = [.. objects.OfType<V1Deployment>()],
            ["replicasets"] = [.. objects.OfType<V1ReplicaSet>()],
            ["secrets"] = [new V1Secret { Metadata = Meta("db"), Data = new Dictionary<string, byte[]> { ["password"] = "CANARY-live"u8.ToArray() } }],
        });
    }

    [Fact]
    public async Task One_paginated_list_per_kind_loads_the_cluster_and_secrets_become_keys()
    {
        var api = Api(1200);
        var counter = new ApiTrafficCounter();
        using var client = CannedListHandler.Client(counter, api);

        var snapshot = await LiveSnapshotLoader.LoadAsync(client, ns: null, Now);

        Assert.Equal(1200, snapshot.Pods.Count);
        Assert.Equal(25 + 2, counter.Requests); // 25 kinds, pods paged in 3 (limit 500)
        Assert.Equal(3, api.Paths.Count(p => p.StartsWith("/api/v1/pods", StringComparison.Ordinal)));
        Assert.All(api.Paths, p => Assert.Contains("limit=500", p, StringComparison.Ordinal));
        Assert.True(counter.BytesRead > 100_000);
        var secret = Assert.Single(snapshot.Secrets);
        Assert.Equal(["password"], secret.Keys);

        var finding = Assert.Single(await new ClusterAnalyzer().AnalyzeAsync(snapshot));
        Assert.Equal("Deployment/app/api", finding.Object.ToString());
    }

    [Fact]
    public async Task A_namespace_scoped_load_lists_namespaced_paths()
    {
        var api = Api(3);
        using var client = CannedListHandler.Client(api);
        await LiveSnapshotLoader.LoadAsync(client, ns: "app", Now);
        Assert.Contains(api.Paths, p => p.StartsWith("/api/v1/namespaces/app/pods", StringComparison.Ordinal));
        Assert.DoesNotContain(api.Paths, p => p.StartsWith("/api/v1/pods", StringComparison.Ordinal));
    }
}
