using k8s.Models;
using static Inference.Kube.Analysis.Tests.Analyzers.Build;

namespace Inference.Kube.Analysis.Tests.Analyzers;

public sealed class ContainerStateRuleTests
{
    [Fact]
    public async Task Three_crash_looping_pods_of_one_deployment_are_one_finding_with_the_log_cause()
    {
        var objects = Deployment("api", 3, (p, _) => p.Status.ContainerStatuses = [Waiting("main", "CrashLoopBackOff", last: Terminated(1, "Error", TimeSpan.FromSeconds(30)))]);
        var logs = new FakeLogs(new() { ["api-1-0/main/previous"] = "INFO boot\nFATAL config: REDIS_URL is not set\nINFO exiting" });

        var finding = Assert.Single(await Analyze(objects, logs));

        Assert.Equal("Deployment/app/api", finding.Object.ToString());
        Assert.Equal("crash-loop", finding.Rule);
        Assert.Contains("3 pods: api-1-0, api-1-1, api-1-2", finding.Message, StringComparison.Ordinal);
        Assert.Contains("exit code 1", finding.Text, StringComparison.Ordinal);
        Assert.Contains("REDIS_URL is not set", finding.Text, StringComparison.Ordinal);
        Assert.Equal(3, finding.Related.Count(r => r.Kind == "Pod"));
    }

    [Fact]
    public async Task Fifty_crash_looping_replicas_stay_one_short_finding_naming_a_few_pods_and_counting_the_rest()
    {
        var objects = Deployment("api", 50, (p, i) => p.Status.ContainerStatuses =
            [Waiting("main", "CrashLoopBackOff", last: Terminated(1, "Error", TimeSpan.FromSeconds(30)), restarts: i < 48 ? 5 : 6)]);

        var finding = Assert.Single(await Analyze(objects));

        Assert.EndsWith("(50 pods: api-1-0, api-1-1, api-1-10, api-1-11, api-1-12, … 45 more)", finding.Message, StringComparison.Ordinal);
        Assert.Contains("47 more pods (api-1-1, api-1-10, api-1-11, api-1-12, api-1-13, … 42 more): state.waiting: CrashLoopBackOff, 5 restarts", finding.Evidence);
        Assert.Contains("2 more pods (api-1-48, api-1-49): state.waiting: CrashLoopBackOff, 6 restarts", finding.Evidence);
        Assert.True(finding.Evidence.Count < 10, string.Join('\n', finding.Evidence));
        Assert.Equal(50, finding.Related.Count(r => r.Kind == "Pod"));
    }

    [Fact]
    public async Task Old_restarts_and_an_old_BackOff_event_on_a_running_pod_are_not_a_problem()
    {
        var objects = Deployment("api", 1, (p, _) =>
        {
            p.Status.ContainerStatuses[0].RestartCount = 4;
            p.Status.ContainerStatuses[0].LastState = new V1ContainerState { Terminated = Terminated(1, "Error", TimeSpan.FromDays(2)) };
        });
        objects.Add(Event("Pod", "api-1-0", "BackOff", "Back-off restarting failed container main", lastAgo: TimeSpan.FromDays(2)));
        Assert.Empty(await Analyze(objects));
    }

    [Fact]
    public async Task OOMKilled_names_exit_code_137_and_the_memory_limit()
    {
        var objects = Deployment("worker", 1, (p, _) =>
        {
            p.Spec.Containers[0].Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("512Mi") } };
            p.Status.ContainerStatuses = [Waiting("main", "CrashLoopBackOff", last: Terminated(137, "OOMKilled", TimeSpan.FromMinutes(1)))];
        });
        var finding = Assert.Single(await Analyze(objects));
        Assert.Equal("oom-killed", finding.Rule);
        Assert.Contains("137", finding.Message, StringComparison.Ordinal);
        Assert.Contains("512Mi", finding.Message, StringComparison.Ordinal);
        Assert.Contains("--limits=memory=1Gi", finding.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_OOM_kill_hours_ago_on_a_container_running_since_is_history()
    {
        var objects = Deployment("worker", 1, (p, _) =>
            p.Status.ContainerStatuses[0].LastState = new V1ContainerState { Terminated = Terminated(137, "OOMKilled", TimeSpan.FromHours(3)) });
        Assert.Empty(await Analyze(objects));
    }

    [Theory]
    [InlineData("rpc error: code = NotFound desc = failed to resolve reference \"r/app:9.9\": r/app:9.9: not found", "not found in the registry")]
    [InlineData("failed to authorize: failed to fetch anonymous token: unexpected status: 401 Unauthorized", "refused the pull")]
    [InlineData("pull access denied for app, repository does not exist or may require 'docker login'", "refused the pull")]
    public async Task Image_pull_failures_tell_not_found_from_unauthorized_by_the_event(string eventMessage, string expected)
    {
        var objects = Deployment("web", 1, (p, _) => p.Status.ContainerStatuses = [Waiting("main", "ImagePullBackOff", "Back-off pulling image")]);
        objects.Add(Event("Pod", "web-1-0", "Failed", "Failed to pull image \"r/app:9.9\": " + eventMessage));
        var finding = Assert.Single(await Analyze(objects));
        Assert.Equal("image-pull", finding.Rule);
        Assert.Contains(expected, finding.Message, StringComparison.Ordinal);
        Assert.Contains("ImagePullBackOff", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateContainerConfigError_names_the_missing_key_and_the_keys_the_secret_has_never_values()
    {
        var objects = Deployment("billing", 1, (p, _) =>
        {
            p.Spec.Containers[0].Env = [new V1EnvVar { Name = "DB_PASSWORD", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "db", Key = "DB_PASSWORD" } } }];
            p.Status.ContainerStatuses = [Waiting("main", "CreateContainerConfigError", "couldn't find key DB_PASSWORD in Secret app/db")];
        });
        objects.Add(new V1Secret { Metadata = Meta("db"), Data = new Dictionary<string, byte[]> { ["DB_PASS"] = "CANARY-secret-value"u8.ToArray() } });

        var finding = Assert.Single(await Analyze(objects));
        Assert.Equal("container-config", finding.Rule);
        Assert.Contains("has no key DB_PASSWORD (its keys: DB_PASS)", finding.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("CANARY", finding.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_ConfigMap_is_named()
    {
        var objects = Deployment("web", 1, (p, _) =>
        {
            p.Spec.Containers[0].EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = "web-config" } }];
            p.Status.ContainerStatuses = [Waiting("main", "CreateContainerConfigError", "configmap \"web-config\" not found")];
        });
        var finding = Assert.Single(await Analyze(objects));
        Assert.Contains("envFrom ConfigMap app/web-config does not exist", finding.Text, StringComparison.Ordinal);
    }
}
