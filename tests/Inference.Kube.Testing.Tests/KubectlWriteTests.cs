using System.Text.Json.Nodes;
using Inference.Kube.Testing;

namespace Inference.Kube.Testing.Tests;

/// <summary>Real kubectl writing to the stand-in for kube-apiserver; the store is read back to see what changed.</summary>
public sealed class KubectlWriteTests
{
    private const string Crashloop = "crashloop-missing-env";

    private const string RedisManifest = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: redis
          namespace: shop
        spec:
          replicas: 3
          selector:
            matchLabels:
              app.kubernetes.io/name: redis
          template:
            metadata:
              labels:
                app.kubernetes.io/name: redis
            spec:
              containers:
              - name: redis
                image: redis:7.4
        """;

    private static JsonObject Deployment(ScenarioCluster cluster, string name) =>
        cluster.Servers["default"].Store.Get("apps/v1", "Deployment", "shop", name) ?? throw new InvalidOperationException(name + " is gone");

    [SkippableFact]
    public async Task Server_side_apply_dry_run_answers_but_changes_nothing()
    {
        Kubectl.Require();
        await using var cluster = await ScenarioCluster.StartAsync(Crashloop);
        var before = Deployment(cluster, "redis");

        var result = await Kubectl.RunWithInputAsync(cluster, RedisManifest, "apply", "--server-side", "--dry-run=server", "-f", "-");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal("deployment.apps/redis serverside-applied (server dry run)\n", result.Stdout);
        Assert.True(JsonNode.DeepEquals(before, Deployment(cluster, "redis")));
    }

    [SkippableFact]
    public async Task Server_side_apply_records_the_field_manager()
    {
        Kubectl.Require();
        await using var cluster = await ScenarioCluster.StartAsync(Crashloop);

        var result = await Kubectl.RunWithInputAsync(cluster, RedisManifest, "apply", "--server-side", "--field-manager=inference", "-f", "-");

        Assert.True(result.ExitCode == 0, result.Output);
        var after = Deployment(cluster, "redis");
        Assert.Equal(3, (int)after["spec"]!["replicas"]!);
        Assert.Equal("redis:7.4", (string?)after["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
        var entry = after["metadata"]!["managedFields"]!.AsArray().Single(f => (string?)f!["manager"] == "inference")!;
        Assert.Equal("Apply", (string?)entry["operation"]);
        Assert.NotNull(entry["fieldsV1"]!["f:spec"]!["f:template"]!["f:spec"]!["f:containers"]!["k:{\"name\":\"redis\"}"]!["f:image"]);
    }

    [SkippableFact]
    public async Task Scale_changes_spec_replicas_and_the_resource_version()
    {
        Kubectl.Require();
        await using var cluster = await ScenarioCluster.StartAsync(Crashloop);
        var before = Deployment(cluster, "storefront");

        var result = await Kubectl.RunAsync(cluster, "scale", "deployment/storefront", "-n", "shop", "--replicas=5");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal("deployment.apps/storefront scaled\n", result.Stdout);
        var after = Deployment(cluster, "storefront");
        Assert.Equal(5, (int)after["spec"]!["replicas"]!);
        Assert.NotEqual((string?)before["metadata"]!["resourceVersion"], (string?)after["metadata"]!["resourceVersion"]);
        Assert.Equal((long)before["metadata"]!["generation"]! + 1, (long)after["metadata"]!["generation"]!);
    }

    [SkippableFact]
    public async Task Rollout_restart_sets_the_pod_template_annotation()
    {
        Kubectl.Require();
        await using var cluster = await ScenarioCluster.StartAsync(Crashloop);

        var result = await Kubectl.RunAsync(cluster, "rollout", "restart", "deployment/checkout", "-n", "shop");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal("deployment.apps/checkout restarted\n", result.Stdout);
        var annotations = Deployment(cluster, "checkout")["spec"]!["template"]!["metadata"]!["annotations"]!.AsObject();
        Assert.True(DateTimeOffset.TryParse((string?)annotations["kubectl.kubernetes.io/restartedAt"], out _), annotations.ToJsonString());
        Assert.NotNull(Deployment(cluster, "checkout")["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
    }

    [SkippableFact]
    public async Task Delete_deployment_cascades_to_its_replica_sets_and_pods()
    {
        Kubectl.Require();
        await using var cluster = await ScenarioCluster.StartAsync(Crashloop);
        var store = cluster.Servers["default"].Store;
        Assert.Contains(store.List("v1", "Pod", "shop"), p => ((string)p["metadata"]!["name"]!).StartsWith("storefront-", StringComparison.Ordinal));

        var result = await Kubectl.RunAsync(cluster, "delete", "deployment", "storefront", "-n", "shop");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal("deployment.apps \"storefront\" deleted\n", result.Stdout);
        Assert.Null(store.Get("apps/v1", "Deployment", "shop", "storefront"));
        Assert.DoesNotContain(store.List("apps/v1", "ReplicaSet", "shop"), r => ((string)r["metadata"]!["name"]!).StartsWith("storefront-", StringComparison.Ordinal));
        Assert.DoesNotContain(store.List("v1", "Pod", "shop"), p => ((string)p["metadata"]!["name"]!).StartsWith("storefront-", StringComparison.Ordinal));
        Assert.Contains(store.List("v1", "Pod", "shop"), p => ((string)p["metadata"]!["name"]!).StartsWith("checkout-", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Auth_can_i_says_no_for_the_readonly_context_and_yes_for_admin()
    {
        Kubectl.Require();
        await using var cluster = await ScenarioCluster.StartAsync(Crashloop);

        var viewer = await Kubectl.RunAsync(cluster, "--context", "default-readonly", "auth", "can-i", "delete", "deployments", "-n", "shop");
        var viewerReads = await Kubectl.RunAsync(cluster, "--context", "default-readonly", "auth", "can-i", "list", "pods", "-n", "shop");
        var admin = await Kubectl.RunAsync(cluster, "auth", "can-i", "delete", "deployments", "-n", "shop");

        Assert.Equal((1, "no\n"), (viewer.ExitCode, viewer.Stdout));
        Assert.Equal((0, "yes\n"), (viewerReads.ExitCode, viewerReads.Stdout));
        Assert.Equal((0, "yes\n"), (admin.ExitCode, admin.Stdout));
    }

    [SkippableFact]
    public async Task A_readonly_write_is_forbidden_in_the_real_message_shape()
    {
        Kubectl.Require();
        await using var cluster = await ScenarioCluster.StartAsync(Crashloop);

        var result = await Kubectl.RunAsync(cluster, "--context", "default-readonly", "scale", "deployment/redis", "-n", "shop", "--replicas=0");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Error from server (Forbidden): deployments.apps \"redis\" is forbidden: User \"viewer\" cannot patch resource \"deployments/scale\" in API group \"apps\" in the namespace \"shop\"", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, (int)Deployment(cluster, "redis")["spec"]!["replicas"]!);
    }

    [SkippableFact]
    public async Task Client_dry_run_with_strict_validation_accepts_a_valid_manifest_and_rejects_an_unknown_field()
    {
        Kubectl.Require();
        await using var cluster = await ScenarioCluster.StartAsync(Crashloop);
        var invalid = RedisManifest.Replace("  replicas: 3\n", "  replicas: 3\n  replicaz: 4\n", StringComparison.Ordinal);

        var valid = await Kubectl.RunWithInputAsync(cluster, RedisManifest, "apply", "--dry-run=client", "--validate=strict", "-f", "-");
        var rejected = await Kubectl.RunWithInputAsync(cluster, invalid, "apply", "--dry-run=client", "--validate=strict", "-f", "-");

        Assert.True(valid.ExitCode == 0, valid.Output);
        Assert.Equal("deployment.apps/redis configured (dry run)\n", valid.Stdout);
        Assert.NotEqual(0, rejected.ExitCode);
        Assert.Contains("unknown field \"replicaz\" in io.k8s.api.apps.v1.DeploymentSpec", rejected.Stderr, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Replace_with_a_stale_resource_version_is_a_409_conflict()
    {
        Kubectl.Require();
        await using var cluster = await ScenarioCluster.StartAsync(Crashloop);
        var stale = (await Kubectl.RunAsync(cluster, "get", "deployment", "redis", "-n", "shop", "-o", "json")).Stdout;
        await Kubectl.RunAsync(cluster, "scale", "deployment/redis", "-n", "shop", "--replicas=2");

        var result = await Kubectl.RunWithInputAsync(cluster, stale, "replace", "-f", "-");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Error from server (Conflict): error when replacing \"STDIN\": Operation cannot be fulfilled on deployments.apps \"redis\": the object has been modified; please apply your changes to the latest version and try again", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, (int)Deployment(cluster, "redis")["spec"]!["replicas"]!);
    }

    [SkippableFact]
    public async Task Get_watch_prints_the_current_state_then_each_change()
    {
        Kubectl.Require();
        await using var cluster = await ScenarioCluster.StartAsync(Crashloop);
        using var watch = Kubectl.Start(cluster.KubeconfigPath, ["get", "deployment", "redis", "-n", "shop", "--watch", "-o", "jsonpath={.spec.replicas}{\"\\n\"}"]);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            Assert.Equal("1", await watch.StandardOutput.ReadLineAsync(limit.Token));

            var scale = await Kubectl.RunAsync(cluster, "scale", "deployment/redis", "-n", "shop", "--replicas=4");

            Assert.True(scale.ExitCode == 0, scale.Output);
            Assert.Equal("4", await watch.StandardOutput.ReadLineAsync(limit.Token));
        }
        finally
        {
            watch.Kill(entireProcessTree: true);
            await watch.WaitForExitAsync(CancellationToken.None);
        }
    }
}
