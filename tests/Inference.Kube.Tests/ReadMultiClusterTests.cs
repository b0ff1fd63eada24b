using Inference.Kube.Tools;

namespace Inference.Kube.Tests;

/// <summary>Two clusters (two loopback API servers, stand-ins for kube-apiserver) in one kubeconfig, one session.</summary>
public sealed class ReadMultiClusterTests
{
    [SkippableFact]
    public async Task One_session_reads_both_contexts_and_each_call_reaches_its_own_cluster()
    {
        await using var session = await ReadSession.StartAsync("multicluster-staging-hpa-cronjob");
        var prod = session.Cluster.Servers["prod"];
        var staging = session.Cluster.Servers["staging"];

        var contexts = await session.CallAsync("list_contexts");
        Assert.Matches(@"(?m)^\*\s+prod\s", contexts.Text);
        Assert.Matches(@"(?m)^\s+staging\s", contexts.Text);

        prod.ClearRequests();
        staging.ClearRequests();
        var stagingHpa = await session.CallAsync("list_resources", """{"kind":"hpa","namespace":"catalog","context":"staging"}""");
        Assert.Empty(prod.Requests);
        Assert.NotEmpty(staging.Requests);
        var prodHpa = await session.CallAsync("list_resources", """{"kind":"hpa","namespace":"catalog"}"""); // current context: prod

        Assert.Contains("(context staging); 1 need attention", stagingHpa.Text, StringComparison.Ordinal);
        Assert.Contains("cpu: <unknown>/70%", stagingHpa.Text, StringComparison.Ordinal);
        Assert.Contains("(context prod):", prodHpa.Text, StringComparison.Ordinal);
        Assert.Contains("cpu: 46%/70%", prodHpa.Text, StringComparison.Ordinal);

        var stagingCron = await session.CallAsync("describe_resource", """{"kind":"cj","name":"sitemap-rebuild","namespace":"catalog","context":"staging"}""");
        var prodCron = await session.CallAsync("describe_resource", """{"kind":"cj","name":"sitemap-rebuild","namespace":"catalog","context":"prod"}""");
        Assert.Matches(@"Schedule:\s+0 0 30 2 \*", stagingCron.Text);
        Assert.Matches(@"Schedule:\s+0 3 \* \* \*", prodCron.Text);

        var stagingEvents = await session.CallAsync("get_events", """{"namespace":"catalog","type":"Warning","context":"staging"}""");
        var prodEvents = await session.CallAsync("get_events", """{"namespace":"catalog","type":"Warning","context":"prod"}""");
        Assert.Contains("FailedGetResourceMetric", stagingEvents.Text, StringComparison.Ordinal);
        Assert.StartsWith("No Warning events", prodEvents.Text, StringComparison.Ordinal);

        var audited = session.Audit.Entries.Select(e => (string)e["Context"]!).ToList();
        Assert.Equal(["prod", "staging", "prod", "staging", "prod", "staging", "prod"], audited);
    }

    [SkippableFact]
    public async Task The_read_only_context_of_a_cluster_reads_the_same_objects()
    {
        await using var session = await ReadSession.StartAsync("multicluster-staging-hpa-cronjob");
        var result = await session.CallAsync("list_resources", """{"kind":"cronjobs","namespace":"catalog","context":"staging-readonly"}""");
        Assert.Equal(ToolOutcomes.Ok, result.Outcome);
        Assert.Contains("0 0 30 2 *", result.Text, StringComparison.Ordinal);
        Assert.Contains(session.Cluster.Servers["staging"].Requests, r => r.User == "viewer");
    }
}
