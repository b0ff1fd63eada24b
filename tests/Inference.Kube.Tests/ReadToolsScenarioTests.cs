using Inference.Kube.Testing;
using Inference.Kube.Tools;

namespace Inference.Kube.Tests;

/// <summary>Every read tool on the visible scenarios, served by the loopback Kubernetes API test server (a stand-in for kube-apiserver).</summary>
public sealed class ReadToolsScenarioTests
{
    [SkippableFact]
    public async Task List_pods_puts_the_crash_looping_pod_first_with_kubectl_columns()
    {
        await using var session = await ReadSession.StartAsync("crashloop-missing-env");
        var result = await session.CallAsync("list_resources", """{"kind":"po","namespace":"shop"}""");

        Assert.Equal(ToolOutcomes.Ok, result.Outcome);
        var lines = result.Text.Split('\n');
        Assert.Contains("need attention, listed first", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+NODE$", lines[1]);
        Assert.StartsWith("checkout-", lines[2], StringComparison.Ordinal);
        Assert.Contains("CrashLoopBackOff", lines[2], StringComparison.Ordinal);
        Assert.Contains(lines.Skip(2), l => l.StartsWith("redis-", StringComparison.Ordinal) && l.Contains("Running", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Kinds_resolve_by_short_name_plural_singular_and_kind()
    {
        await using var session = await ReadSession.StartAsync("crashloop-missing-env");
        foreach (var kind in new[] { "deploy", "deployments", "deployment", "Deployment", "deployments.apps" })
        {
            var result = await session.CallAsync("list_resources", $$"""{"kind":"{{kind}}","namespace":"shop"}""");
            Assert.Equal(ToolOutcomes.Ok, result.Outcome);
            Assert.Matches(@"(?m)^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$", result.Text);
            Assert.Contains("checkout", result.Text, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task All_namespaces_adds_the_namespace_column_and_selectors_narrow()
    {
        await using var session = await ReadSession.StartAsync("crashloop-missing-env");
        var all = await session.CallAsync("list_resources", """{"kind":"pods","all_namespaces":true}""");
        Assert.Matches(@"(?m)^NAMESPACE\s+NAME\s+READY", all.Text);
        Assert.Contains("shop", all.Text, StringComparison.Ordinal);

        var selected = await session.CallAsync("list_resources", """{"kind":"pods","namespace":"shop","label_selector":"app.kubernetes.io/name=redis"}""");
        Assert.Contains("redis-", selected.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("checkout-", selected.Text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Describe_pod_shows_last_termination_owner_chain_env_references_and_events()
    {
        await using var session = await ReadSession.StartAsync("crashloop-missing-env");
        var pods = await session.CallAsync("list_resources", """{"kind":"pods","namespace":"shop"}""");
        var pod = pods.Text.Split('\n')[2].Split(' ')[0];

        var result = await session.CallAsync("describe_resource", $$"""{"kind":"pod","name":"{{pod}}","namespace":"shop"}""");

        Assert.Equal(ToolOutcomes.Ok, result.Outcome);
        Assert.Contains("Waiting (CrashLoopBackOff", result.Text, StringComparison.Ordinal);
        Assert.Matches(@"Last State:\s+Terminated \(Error, exit code 1", result.Text);
        Assert.Matches(@"Controlled By:\s+ReplicaSet/checkout-\w+ <- Deployment/checkout", result.Text);
        Assert.Contains("<set to the key", result.Text, StringComparison.Ordinal);
        Assert.Contains("BackOff", result.Text, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^Events:\n\s+\d+ event groups", result.Text);
    }

    [SkippableFact]
    public async Task Events_put_warnings_first_and_merge_repeats_with_counts()
    {
        await using var session = await ReadSession.StartAsync("multicluster-staging-hpa-cronjob");
        var contexts = session.Cluster.Scenario!.Contexts;
        string? withCount = null;
        foreach (var context in contexts)
        {
            var result = await session.CallAsync("get_events", $$"""{"all_namespaces":true,"context":"{{context}}"}""");
            Assert.Equal(ToolOutcomes.Ok, result.Outcome);
            var rows = result.Text.Split('\n').Skip(2).ToList();
            var types = rows.Select(r => r.Contains(" Warning ", StringComparison.Ordinal)).ToList();
            Assert.Equal(types.OrderByDescending(t => t), types); // every Warning row before every Normal row
            withCount ??= rows.FirstOrDefault(r => r.Contains("3452", StringComparison.Ordinal));
        }

        Assert.NotNull(withCount); // the HPA's repeated FailedComputeMetricsReplicas keeps its count
        Assert.Contains("FailedComputeMetricsReplicas", withCount, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Logs_of_the_previous_instance_show_the_crash()
    {
        await using var session = await ReadSession.StartAsync("oomkilled-report-worker");
        var pods = await session.CallAsync("list_resources", """{"kind":"pods","all_namespaces":true}""");
        var row = pods.Text.Split('\n')[2].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var (ns, pod) = (row[0], row[1]);

        var previous = await session.CallAsync("get_logs", $$"""{"pod":"{{pod}}","namespace":"{{ns}}","previous":true}""");
        Assert.Equal(ToolOutcomes.Ok, previous.Outcome);
        Assert.Contains("previous instance", previous.Text, StringComparison.Ordinal);
        var tail = await session.CallAsync("get_logs", $$"""{"pod":"{{pod}}","namespace":"{{ns}}","previous":true,"tail":2}""");
        Assert.Equal(3, tail.Text.Split('\n').Length); // two lines and the footer
        Assert.EndsWith(previous.Text.Split('\n')[^2], tail.Text.Split('\n')[^2], StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Get_resource_writes_yaml_without_managed_fields_and_a_summary()
    {
        await using var session = await ReadSession.StartAsync("crashloop-missing-env");
        var yaml = await session.CallAsync("get_resource", """{"kind":"deploy","name":"checkout","namespace":"shop"}""");
        Assert.Equal(ToolOutcomes.Ok, yaml.Outcome);
        Assert.Contains("kind: Deployment", yaml.Text, StringComparison.Ordinal);
        Assert.Contains("name: checkout", yaml.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("managedFields", yaml.Text, StringComparison.Ordinal);

        var summary = await session.CallAsync("get_resource", """{"kind":"deploy","name":"checkout","namespace":"shop","output":"summary"}""");
        Assert.StartsWith("Deployment shop/checkout", summary.Text, StringComparison.Ordinal);
        Assert.Contains("Condition Available=", summary.Text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Cluster_overview_reports_gpu_capacity_allocatable_and_taints()
    {
        await using var session = await ReadSession.StartAsync("gpu-pending-device-plugin");
        var result = await session.CallAsync("cluster_overview");
        Assert.Equal(ToolOutcomes.Ok, result.Outcome);
        Assert.Contains("Kubernetes v", result.Text, StringComparison.Ordinal);
        Assert.Matches(@"\d+/\d+ nodes Ready", result.Text);
        Assert.Matches(@"(?m)^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\s+CPU\s+MEMORY\s+GPU\s+PODS\s+TAINTS$", result.Text);
        Assert.Contains("nvidia.com/gpu", result.Text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Node_problems_and_taints_show_in_list_and_describe()
    {
        await using var session = await ReadSession.StartAsync("node-notready-and-taint");
        var nodes = await session.CallAsync("list_resources", """{"kind":"no"}""");
        var first = nodes.Text.Split('\n')[2];
        Assert.Contains("NotReady", first, StringComparison.Ordinal);
        var name = first.Split(' ')[0];
        var describe = await session.CallAsync("describe_resource", $$"""{"kind":"node","name":"{{name}}"}""");
        Assert.Contains("Taints:", describe.Text, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\s+Ready\s+(False|Unknown)", describe.Text);
    }

    [SkippableFact]
    public async Task Api_resources_list_kinds_with_short_names()
    {
        await using var session = await ReadSession.StartAsync("crashloop-missing-env");
        var result = await session.CallAsync("list_api_resources");
        Assert.Matches(@"(?m)^deployments\s+deploy\s+apps/v1\s+true\s+Deployment$", result.Text);
        Assert.Matches(@"(?m)^pods\s+po\s+v1\s+true\s+Pod$", result.Text);
        var apps = await session.CallAsync("list_api_resources", """{"group":"apps"}""");
        Assert.DoesNotContain("\npods ", apps.Text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Top_says_metrics_are_not_available_when_the_cluster_has_no_metrics_api()
    {
        await using var session = await ReadSession.StartAsync("crashloop-missing-env");
        var result = await session.CallAsync("top", """{"kind":"pods"}""");
        Assert.Equal(ToolOutcomes.Ok, result.Outcome);
        Assert.Contains("not available", result.Text, StringComparison.Ordinal);
        Assert.Contains("metrics.k8s.io", result.Text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task List_contexts_marks_the_current_one_and_every_call_writes_one_audit_line()
    {
        await using var session = await ReadSession.StartAsync("crashloop-missing-env");
        var result = await session.CallAsync("list_contexts");
        var current = session.Cluster.Scenario!.Contexts[0];
        Assert.Matches($@"(?m)^\*\s+{current}\s", result.Text);
        Assert.Contains(current + "-readonly", result.Text, StringComparison.Ordinal);

        await session.CallAsync("get_events", """{"namespace":"shop","type":"Warning"}""");
        var entries = session.Audit.Entries;
        Assert.Equal(2, entries.Count);
        Assert.Equal("get_events", entries[1]["Tool"]);
        Assert.Equal(current, entries[1]["Context"]);
        Assert.Equal("read", entries[1]["Decision"]);
        Assert.Equal("ok", entries[1]["Outcome"]);
        Assert.Contains("Warning", (string)entries[1]["Arguments"]!, StringComparison.Ordinal);
        Assert.IsType<long>(entries[1]["DurationMs"]);
    }
}
