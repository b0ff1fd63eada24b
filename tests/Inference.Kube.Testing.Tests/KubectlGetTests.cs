using Inference.Kube.Testing;

namespace Inference.Kube.Testing.Tests;

/// <summary>Real kubectl reading scenarios from the stand-in for kube-apiserver, its output asserted.</summary>
public sealed class KubectlGetTests
{
    private const string Crashloop = "crashloop-missing-env";

    [SkippableFact]
    public async Task Get_pods_prints_the_table_with_ready_status_and_restarts()
    {
        Kubectl.Require();
        await using var cluster = await ScenarioCluster.StartAsync(Crashloop);

        var result = await Kubectl.RunAsync(cluster, "get", "pods", "-n", "shop");

        Assert.True(result.ExitCode == 0, result.Output);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("checkout-5c7d9f8b64-7xw2q ", StringComparison.Ordinal) && l.Contains(" 0/1 ", StringComparison.Ordinal)
            && l.Contains("CrashLoopBackOff", StringComparison.Ordinal) && l.Contains(" 5 (", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("redis-", StringComparison.Ordinal) && l.Contains(" 1/1 ", StringComparison.Ordinal) && l.Contains("Running", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Get_deployment_as_yaml_prints_the_stored_object()
    {
        Kubectl.Require();
        await using var cluster = await ScenarioCluster.StartAsync(Crashloop);

        var result = await Kubectl.RunAsync(cluster, "get", "deploy", "checkout", "-n", "shop", "-o", "yaml");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.StartsWith("apiVersion: apps/v1\nkind: Deployment\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("  name: checkout\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("  uid: ba3c7992-0a2a-462a-acf7-ac4a135bbf79\n", result.Stdout, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Describe_pod_shows_its_events()
    {
        Kubectl.Require();
        await using var cluster = await ScenarioCluster.StartAsync(Crashloop);

        var result = await Kubectl.RunAsync(cluster, "describe", "pod", "checkout-5c7d9f8b64-7xw2q", "-n", "shop");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("Controlled By:  ReplicaSet/checkout-5c7d9f8b64", result.Stdout, StringComparison.Ordinal);
        var events = result.Stdout[result.Stdout.IndexOf("Events:", StringComparison.Ordinal)..];
        Assert.Matches(@"Warning\s+BackOff\s+\S+ \(x24 over \S+\)\s+kubelet\s+Back-off restarting failed container checkout", events);
    }

    [SkippableFact]
    public async Task Logs_previous_serve_the_terminated_run_and_the_current_run_apart()
    {
        Kubectl.Require();
        await using var cluster = await ScenarioCluster.StartAsync(Crashloop);

        var previous = await Kubectl.RunAsync(cluster, "logs", "checkout-5c7d9f8b64-m4hzn", "-n", "shop", "--previous", "--tail=1");
        var current = await Kubectl.RunAsync(cluster, "logs", "checkout-5c7d9f8b64-m4hzn", "-n", "shop");

        Assert.True(previous.ExitCode == 0, previous.Output);
        Assert.EndsWith("exiting with code 1\n", previous.Stdout, StringComparison.Ordinal);
        Assert.Single(previous.Stdout.TrimEnd('\n').Split('\n'));
        Assert.True(current.ExitCode == 0, current.Output);
        Assert.StartsWith("2026-11-17T10:24:38.978Z INFO  [bootstrap]", current.Stdout, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Logs_of_a_container_that_never_started_is_the_kubelet_400()
    {
        Kubectl.Require();
        await using var cluster = await ScenarioCluster.StartAsync("imagepull-tag-and-auth");

        var result = await Kubectl.RunAsync(cluster, "logs", "frontend-86b7d5c9f4-wq5rt", "-n", "web");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Error from server (BadRequest): container \"frontend\" in pod \"frontend-86b7d5c9f4-wq5rt\" is waiting to start: ImagePullBackOff", result.Stderr, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Get_events_lists_the_scenarios_events()
    {
        Kubectl.Require();
        await using var cluster = await ScenarioCluster.StartAsync(Crashloop);

        var result = await Kubectl.RunAsync(cluster, "get", "events", "-n", "shop", "--field-selector", "type=Warning");

        Assert.True(result.ExitCode == 0, result.Output);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$", lines[0]);
        Assert.All(lines.Skip(1), l => Assert.Contains(" Warning ", l, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("pod/checkout-5c7d9f8b64-7xw2q", StringComparison.Ordinal) && l.Contains("BackOff", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Label_and_field_selectors_filter_and_chunked_lists_page_with_continue()
    {
        Kubectl.Require();
        await using var cluster = await ScenarioCluster.StartAsync(Crashloop);
        var server = cluster.Servers["default"];

        var byLabel = await Kubectl.RunAsync(cluster, "get", "pods", "-A", "-l", "app.kubernetes.io/name in (checkout)", "-o", "name");
        var byField = await Kubectl.RunAsync(cluster, "get", "pods", "-n", "shop", "--field-selector", "spec.nodeName=ip-10-0-11-42.eu-west-1.compute.internal", "-o", "name");
        server.ClearRequests();
        var chunked = await Kubectl.RunAsync(cluster, "get", "pods", "-n", "shop", "--chunk-size=2", "-o", "name");

        Assert.Equal("pod/checkout-5c7d9f8b64-7xw2q\npod/checkout-5c7d9f8b64-m4hzn\n", byLabel.Stdout);
        Assert.Contains("pod/checkout-5c7d9f8b64-7xw2q\n", byField.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("pod/checkout-5c7d9f8b64-m4hzn", byField.Stdout, StringComparison.Ordinal);
        var all = server.Store.List("v1", "Pod", "shop").Select(p => "pod/" + p["metadata"]!["name"]).ToArray();
        Assert.Equal(all, chunked.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var pages = server.Requests.Where(r => r.PathAndQuery.StartsWith("/api/v1/namespaces/shop/pods?", StringComparison.Ordinal)).ToArray();
        Assert.Equal((all.Length + 1) / 2, pages.Length);
        Assert.Equal(pages.Length - 1, pages.Count(r => r.PathAndQuery.Contains("continue=", StringComparison.Ordinal)));
    }

    [SkippableFact]
    public async Task Each_context_of_a_multi_cluster_scenario_is_its_own_server()
    {
        Kubectl.Require();
        await using var cluster = await ScenarioCluster.StartAsync("multicluster-staging-hpa-cronjob");

        var contexts = await Kubectl.RunAsync(cluster, "config", "get-contexts", "-o", "name");
        var staging = await Kubectl.RunAsync(cluster, "--context", "staging", "get", "events", "-n", "catalog", "-o", "name");
        var prod = await Kubectl.RunAsync(cluster, "--context", "prod", "get", "events", "-n", "catalog", "-o", "name");

        Assert.Equal(["prod", "prod-readonly", "staging", "staging-readonly"], contexts.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
        Assert.NotEmpty(staging.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(prod.ExitCode == 0, prod.Output);
        Assert.Empty(prod.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
