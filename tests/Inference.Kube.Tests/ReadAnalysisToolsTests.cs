using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Inference.Kube.Formatting;
using Inference.Kube.Testing;
using Inference.Kube.Tools;
using k8s.Models;
using Xunit.Abstractions;

namespace Inference.Kube.Tests;

/// <summary>
/// The analysis tools (analyze, summarize_logs, timeline) on the visible scenarios, served by the loopback Kubernetes
/// API test server (a stand-in for kube-apiserver).
/// </summary>
public sealed class ReadAnalysisToolsTests(ITestOutputHelper output)
{
    public static TheoryData<string> Scenarios() => ReadNoLeakTests.Scenarios();

    [SkippableTheory]
    [MemberData(nameof(Scenarios))]
    public async Task Analyze_finds_every_expected_root_cause_of_the_scenario(string scenarioId)
    {
        await using var session = await ReadSession.StartAsync(scenarioId);
        var scenario = session.Cluster.Scenario!;

        foreach (var expected in scenario.ExpectedFindings)
        {
            var context = expected.Context ?? scenario.Contexts[0];
            var parts = expected.Object.Split('/');
            var scope = parts.Length == 3 ? $"\"namespace\":\"{parts[1]}\"" : "\"all_namespaces\":true";
            var result = await session.CallAsync("analyze", $$"""{"context":"{{context}}",{{scope}}}""");

            Assert.Equal(ToolOutcomes.Ok, result.Outcome);
            var owner = new Regex(Regex.Escape(expected.Object) + @"(?=[\s:),])");
            var matching = Blocks(result.Text).Where(b => owner.IsMatch(b.Split('\n')[0])).ToList();
            Assert.True(matching.Count > 0, $"no finding on {expected.Object}:\n{result.Text}");
            Assert.Contains(matching, b => expected.Evidence.All(e => b.Contains(e, StringComparison.OrdinalIgnoreCase)));
        }

        if (scenario.ExpectedFindings.Count == 0)
        {
            foreach (var context in scenario.Contexts)
            {
                var result = await session.CallAsync("analyze", $$"""{"context":"{{context}}","all_namespaces":true}""");
                Assert.EndsWith("No problems found.", result.Text, StringComparison.Ordinal);
            }
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Scenarios))]
    public async Task No_analysis_tool_output_mentions_a_canary_or_a_secret_value(string scenarioId)
    {
        await using var session = await ReadSession.StartAsync(scenarioId);
        var scenario = session.Cluster.Scenario!;
        var forbidden = new HashSet<string>(scenario.MustNotMention, StringComparer.Ordinal);
        var calls = new List<(string Tool, string Args)>();
        foreach (var context in scenario.Contexts)
        {
            var store = session.Cluster.Servers[context].Store;
            foreach (var secret in store.List("v1", "Secret"))
                foreach (var value in ReadNoLeakTests.SecretValues(secret))
                    forbidden.Add(value);
            calls.Add(("analyze", $$"""{"context":"{{context}}","all_namespaces":true}"""));
            foreach (var (kind, prefix) in new[] { ("Deployment", "deploy"), ("StatefulSet", "sts"), ("DaemonSet", "ds"), ("Job", "job") })
            {
                foreach (var workload in store.List("apps/v1", kind).Concat(store.List("batch/v1", kind)))
                {
                    var args = $$"""{"context":"{{context}}","namespace":"{{workload.Namespace()}}","target":"{{prefix}}/{{workload.Name()}}"}""";
                    calls.Add(("summarize_logs", args));
                    calls.Add(("timeline", args));
                }
            }

            foreach (var pod in store.List("v1", "Pod"))
                calls.Add(("summarize_logs", $$"""{"context":"{{context}}","namespace":"{{pod.Namespace()}}","target":"pod/{{pod.Name()}}","previous":true}"""));
        }

        foreach (var (tool, args) in calls)
        {
            var result = await session.CallAsync(tool, args);
            Assert.False(result.IsError, $"{tool} {args}: {result.Text}");
            foreach (var value in forbidden)
                Assert.False(result.Text.Contains(value, StringComparison.Ordinal), $"{tool} {args} printed \"{value}\":\n{result.Text}");
        }

        Assert.True(calls.Count >= 4, $"only {calls.Count} calls");
    }

    [SkippableFact]
    public async Task Summarize_logs_of_a_crash_looping_deployment_names_the_cause_line_within_the_budget()
    {
        await using var session = await ReadSession.StartAsync("crashloop-missing-env");

        var result = await session.CallAsync("summarize_logs", """{"target":"deploy/checkout","namespace":"shop"}""");

        Assert.Equal(ToolOutcomes.Ok, result.Outcome);
        var lines = result.Text.Split('\n');
        Assert.Equal("Log summary of deploy/checkout in namespace shop (context default):", lines[0]);
        var cause = Array.FindIndex(lines, l => l.Contains("FATAL [db] cannot initialise database pool: DATABASE_URL is not set", StringComparison.Ordinal));
        Assert.InRange(cause, 1, 4); // among the first templates: errors come first
        Assert.True(session.Toolbox.Budget.Counter.Count(result.Text) <= session.Toolbox.Budget.MaxTokens);

        var previous = await session.CallAsync("summarize_logs", """{"target":"deploy/checkout","namespace":"shop","container":"checkout","previous":true}""");
        Assert.Contains("DATABASE_URL is not set", previous.Text, StringComparison.Ordinal);
        Assert.StartsWith("Log summary of deploy/checkout in namespace shop (context default, container checkout, previous instances):", previous.Text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Summarize_logs_of_a_50000_line_log_keeps_the_one_root_cause_line_within_the_budget()
    {
        await using var session = await ReadSession.StartEmptyAsync();
        var server = session.Cluster.Servers["default"];
        server.Store.Add((JsonObject)JsonNode.Parse("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"chatty","namespace":"load"},
             "spec":{"nodeName":"node-1","containers":[{"name":"app","image":"web:1"}]},
             "status":{"phase":"Running","containerStatuses":[{"name":"app","ready":true,"restartCount":0,"state":{"running":{"startedAt":"2026-11-25T09:00:00Z"}}}]}}
            """)!);
        var log = new StringBuilder();
        for (var i = 1; i <= 50_000; i++)
        {
            log.Append(CultureInfo.InvariantCulture, $"2026-11-25T10:{i / 1000 % 60:00}:{i % 60:00}.000Z INFO request {i} served in {i % 97}ms\n");
            if (i == 49_960)
                log.Append("2026-11-25T10:59:59.000Z FATAL ledger checksum mismatch in segment 0x7f3a, refusing to start\n");
        }

        server.Logs.Set("load", "chatty", "app", log.ToString());

        var result = await session.CallAsync("summarize_logs", """{"target":"pod/chatty","namespace":"load"}""");

        Assert.Equal(ToolOutcomes.Ok, result.Outcome);
        Assert.Contains("FATAL ledger checksum mismatch", result.Text, StringComparison.Ordinal);
        Assert.True(session.Toolbox.Budget.Counter.Count(result.Text) <= session.Toolbox.Budget.MaxTokens, result.Text);
        output.WriteLine(result.Text);
    }

    [SkippableFact]
    public async Task Timeline_lists_the_workloads_history_in_time_order()
    {
        await using var session = await ReadSession.StartAsync("crashloop-missing-env");

        var result = await session.CallAsync("timeline", """{"target":"deploy/checkout","namespace":"shop"}""");

        Assert.Equal(ToolOutcomes.Ok, result.Outcome);
        var lines = result.Text.Split('\n');
        Assert.Matches(@"^\[timeline of Deployment/shop/checkout, \d+ entries, oldest first, context default\]$", lines[^1]);
        var times = lines[..^1].Select(l => DateTime.ParseExact(l[..19], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).ToList();
        Assert.True(times.Count >= 5, result.Text);
        Assert.Equal(times.Order(), times);
        Assert.Contains(lines, l => l.Contains("ReplicaSet/checkout-5c7d9f8b64: ReplicaSet created", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("terminated: Error, exit code 1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(" ! ", StringComparison.Ordinal) && l.Contains("Warning BackOff", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("first error (previous instance)", StringComparison.Ordinal) && l.Contains("DATABASE_URL", StringComparison.Ordinal));
        var created = lines.First(l => l.Contains("Deployment created", StringComparison.Ordinal));
        var crash = lines.First(l => l.Contains("exit code 1", StringComparison.Ordinal));
        Assert.True(Array.IndexOf(lines, created) < Array.IndexOf(lines, crash));
    }

    [SkippableFact]
    public async Task Bad_arguments_give_a_result_the_model_can_read()
    {
        await using var session = await ReadSession.StartAsync("crashloop-missing-env");

        var kind = await session.CallAsync("summarize_logs", """{"target":"svc/checkout","namespace":"shop"}""");
        Assert.Equal(ToolOutcomes.Invalid, kind.Outcome);
        Assert.Equal("Bad arguments for summarize_logs: Unknown kind 'svc' in 'svc/checkout'; use deploy/, sts/, ds/, rs/, job/, cronjob/ or pod/.", kind.Text);

        var container = await session.CallAsync("summarize_logs", """{"target":"deploy/checkout","namespace":"shop","container":"app"}""");
        Assert.Equal(("Bad arguments for summarize_logs: Deployment/shop/checkout has no container \"app\"; its containers: checkout.", ToolOutcomes.Invalid),
            (container.Text, container.Outcome));

        var target = await session.CallAsync("timeline", """{"namespace":"shop"}""");
        Assert.Equal(("Bad arguments for timeline: \"target\" is required.", ToolOutcomes.Invalid), (target.Text, target.Outcome));

        var ns = await session.CallAsync("analyze", """{"namespace":"shopp"}""");
        Assert.Equal(ToolOutcomes.Invalid, ns.Outcome);
        Assert.StartsWith("Bad arguments for analyze: namespace \"shopp\" does not exist in context \"default\". Namespaces: ", ns.Text, StringComparison.Ordinal);
        Assert.Contains("shop", ns.Text["Bad arguments".Length..], StringComparison.Ordinal);

        var kinds = await session.CallAsync("analyze", """{"namespace":"shop","kinds":"Pod,Gadget"}""");
        Assert.Equal(ToolOutcomes.Invalid, kinds.Outcome);
        Assert.StartsWith("Bad arguments for analyze: analyze has no checks for kind \"Gadget\". Kinds: ", kinds.Text, StringComparison.Ordinal);
        Assert.Contains("Service", kinds.Text, StringComparison.Ordinal);

        var kindsType = await session.CallAsync("analyze", """{"kinds":5}""");
        Assert.Equal(ToolOutcomes.Invalid, kindsType.Outcome);

        var ghost = await session.CallAsync("timeline", """{"target":"deploy/ghost","namespace":"shop"}""");
        Assert.Equal(ToolOutcomes.Ok, ghost.Outcome);
        Assert.StartsWith("Nothing found for Deployment/shop/ghost in context default", ghost.Text, StringComparison.Ordinal);

        var context = await session.CallAsync("analyze", """{"context":"nope"}""");
        Assert.Equal(("Unknown context \"nope\". Known contexts: default, default-readonly.", ToolOutcomes.Invalid), (context.Text, context.Outcome));
    }

    [SkippableFact]
    public async Task Kinds_narrow_the_analysis_and_accept_short_names_plurals_and_arrays()
    {
        await using var session = await ReadSession.StartAsync("service-selector-and-ingress");

        var all = await session.CallAsync("analyze", """{"namespace":"storefront"}""");
        var services = await session.CallAsync("analyze", """{"namespace":"storefront","kinds":"svc"}""");
        var array = await session.CallAsync("analyze", """{"namespace":"storefront","kinds":["services"]}""");

        Assert.Contains("Service/storefront/catalog-api", services.Text, StringComparison.Ordinal);
        Assert.Contains("Ingress/storefront/storefront", all.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ingress/storefront/storefront", services.Text, StringComparison.Ordinal);
        Assert.StartsWith("Analyzed namespace storefront, kinds Service (context default): ", services.Text, StringComparison.Ordinal);
        Assert.Equal(services.Text, array.Text);
    }

    [SkippableFact]
    public async Task Analyze_reads_one_list_per_kind_and_never_gets_pods_one_by_one()
    {
        await using var session = await ReadSession.StartAsync("crashloop-missing-env");
        var server = session.Cluster.Servers["default"];
        server.ClearRequests();

        var result = await session.CallAsync("analyze", """{"all_namespaces":true}""");

        Assert.Equal(ToolOutcomes.Ok, result.Outcome);
        var requests = server.Requests.Where(r => r.Method == "GET").ToList();
        var paths = requests.Select(r => r.PathAndQuery.Split('?')[0]).ToList();
        var logs = paths.Where(p => p.EndsWith("/log", StringComparison.Ordinal)).ToList();
        var discovery = paths.Where(p => !p.EndsWith("/log", StringComparison.Ordinal) && IsDiscovery(p)).ToList();
        var lists = paths.Where(p => !logs.Contains(p) && !discovery.Contains(p)).ToList();
        output.WriteLine($"analyze -A on crashloop-missing-env: {requests.Count} requests ({discovery.Count} discovery, {lists.Count} lists, "
            + $"{logs.Count} log reads), {requests.Sum(r => r.ResponseBytes)} bytes");
        foreach (var path in lists)
            output.WriteLine("  " + path);

        // One list per kind (these fit one page); Secrets twice: once for the analyzers (names and keys), once to teach
        // the redactor their values.
        Assert.Equal(25, lists.Distinct().Count());
        Assert.All(lists.GroupBy(p => p), g => Assert.Equal(g.Key == "/api/v1/secrets" ? 2 : 1, g.Count()));
        Assert.All(lists, p => Assert.Matches(@"^/(api/v1|apis/[^/]+/v\d\w*)/[a-z]+$", p)); // cluster-wide collections, no single objects
        Assert.DoesNotContain(paths, p => Regex.IsMatch(p, "/pods/[^/]+$"));
        Assert.InRange(logs.Count, 1, 2); // the crash-looping workload's previous log, once per workload and container
    }

    [SkippableTheory]
    [InlineData("summarize_logs", false)]
    [InlineData("timeline", true)]
    public async Task Log_summary_and_timeline_list_only_the_workload_kinds(string tool, bool readsEvents)
    {
        await using var session = await ReadSession.StartAsync("crashloop-missing-env");
        var server = session.Cluster.Servers["default"];
        server.ClearRequests();

        var result = await session.CallAsync(tool, """{"target":"deploy/checkout","namespace":"shop"}""");

        Assert.Equal(ToolOutcomes.Ok, result.Outcome);
        var lists = server.Requests.Where(r => r.Method == "GET").Select(r => r.PathAndQuery.Split('?')[0])
            .Where(p => !p.EndsWith("/log", StringComparison.Ordinal) && !IsDiscovery(p))
            .Select(p => p.Split('/')[^1]).ToHashSet();
        var expected = new HashSet<string> { "namespaces", "pods", "deployments", "replicasets", "statefulsets", "daemonsets", "jobs", "cronjobs", "secrets" };
        if (readsEvents)
            expected.Add("events");
        Assert.Equal(expected.Order(), lists.Order()); // secrets only to teach the redactor their values
    }

    [SkippableFact]
    public async Task Analyze_over_2000_pods_pages_the_pod_list_and_reports_one_finding_per_broken_deployment()
    {
        await using var session = await ReadSession.StartEmptyAsync();
        var server = session.Cluster.Servers["default"];
        var now = DateTimeOffset.UtcNow;
        var broken = new List<string>();
        for (var d = 0; d < 40; d++)
        {
            var name = $"web-{d:00}";
            if (d % 20 == 3)
                broken.Add(name);
            foreach (var obj in Workload(name, pods: 50, crashing: d % 20 == 3, now))
                server.Store.Add(obj);
        }

        server.ClearRequests();

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await session.CallAsync("analyze", """{"all_namespaces":true}""");
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);

        output.WriteLine(result.Text);
        Assert.Equal(ToolOutcomes.Ok, result.Outcome);
        Assert.StartsWith("Analyzed all namespaces (context default): 2 findings\n", result.Text, StringComparison.Ordinal);
        foreach (var name in broken)
            Assert.Contains($"[critical] Deployment/load/{name}: ", result.Text, StringComparison.Ordinal);
        var requests = server.Requests;
        var paths = requests.Select(r => r.PathAndQuery.Split('?')[0]).ToList();
        output.WriteLine($"analyze -A over 2,000 pods in 40 Deployments (2 broken): {requests.Count} requests, {paths.Count(p => p == "/api/v1/pods")} pod list pages, "
            + $"{paths.Count(p => p.EndsWith("/log", StringComparison.Ordinal))} log reads, {requests.Sum(r => r.ResponseBytes) / 1024} KiB, {elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(4, paths.Count(p => p == "/api/v1/pods")); // 2,000 pods in pages of 500
        Assert.All(requests.Where(r => r.PathAndQuery.StartsWith("/api/v1/pods?", StringComparison.Ordinal)), r => Assert.Contains("limit=500", r.PathAndQuery, StringComparison.Ordinal));
        Assert.DoesNotContain(paths, p => Regex.IsMatch(p, "/pods/[^/]+$"));
        // Per broken workload and container, one pod's previous log, then (these pods have none) its current one.
        Assert.Equal(4, paths.Count(p => p.EndsWith("/log", StringComparison.Ordinal)));
        Assert.True(session.Toolbox.Budget.Counter.Count(result.Text) <= session.Toolbox.Budget.MaxTokens);
        Assert.All(paths.Where(p => p is not "/api/v1/pods" and not "/api/v1/secrets" && !p.EndsWith("/log", StringComparison.Ordinal)).GroupBy(p => p),
            g => Assert.Single(g));
    }

    // A Deployment, its ReplicaSet and its pods, linked by ownerReferences; crashing pods wait in CrashLoopBackOff.
    private static IEnumerable<JsonObject> Workload(string name, int pods, bool crashing, DateTimeOffset now)
    {
        var ready = crashing ? 0 : pods;
        var labels = new Dictionary<string, string> { ["app"] = name };
        var selector = new V1LabelSelector { MatchLabels = labels };
        var template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = labels }, Spec = PodSpec(null) };
        var deployment = new V1Deployment
        {
            ApiVersion = "apps/v1", Kind = "Deployment", Metadata = Meta(name, now.AddDays(-1)),
            Spec = new V1DeploymentSpec { Replicas = pods, Selector = selector, Template = template },
            Status = new V1DeploymentStatus { Replicas = pods, ReadyReplicas = ready, AvailableReplicas = ready, UpdatedReplicas = pods },
        };
        var rsMeta = Meta(name + "-5d8f7", now.AddDays(-1), Owner("Deployment", deployment.Metadata));
        rsMeta.Annotations = new Dictionary<string, string> { ["deployment.kubernetes.io/revision"] = "1" };
        var rs = new V1ReplicaSet
        {
            ApiVersion = "apps/v1", Kind = "ReplicaSet", Metadata = rsMeta,
            Spec = new V1ReplicaSetSpec { Replicas = pods, Selector = selector, Template = template },
            Status = new V1ReplicaSetStatus { Replicas = pods, ReadyReplicas = ready },
        };
        yield return ToJson(deployment);
        yield return ToJson(rs);
        for (var i = 0; i < pods; i++)
        {
            var meta = Meta($"{name}-5d8f7-{i:000}", now.AddHours(-20), Owner("ReplicaSet", rsMeta));
            meta.Labels = labels;
            var state = crashing
                ? new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "CrashLoopBackOff", Message = "back-off 5m0s restarting failed container" } }
                : new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = now.AddHours(-20).UtcDateTime } };
            var last = crashing
                ? new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 1, Reason = "Error", StartedAt = now.AddMinutes(-3).UtcDateTime, FinishedAt = now.AddMinutes(-2).UtcDateTime } }
                : null;
            yield return ToJson(new V1Pod
            {
                ApiVersion = "v1", Kind = "Pod", Metadata = meta, Spec = PodSpec($"node-{i % 10}"),
                Status = new V1PodStatus
                {
                    Phase = "Running",
                    Conditions = [new V1PodCondition { Type = "Ready", Status = crashing ? "False" : "True" }],
                    ContainerStatuses = [new V1ContainerStatus { Name = "app", Image = "web:1", ImageID = "", Ready = !crashing, RestartCount = crashing ? 9 : 0, State = state, LastState = last }],
                },
            });
        }
    }

    private static V1PodSpec PodSpec(string? node) => new() { NodeName = node, Containers = [new V1Container { Name = "app", Image = "web:1" }] };

    private static V1ObjectMeta Meta(string name, DateTimeOffset created, V1OwnerReference? owner = null) => new()
    {
        Name = name, NamespaceProperty = "load", Uid = Guid.NewGuid().ToString(), CreationTimestamp = created.UtcDateTime,
        OwnerReferences = owner is null ? null : [owner],
    };

    private static V1OwnerReference Owner(string kind, V1ObjectMeta owner) =>
        new() { ApiVersion = "apps/v1", Kind = kind, Name = owner.Name, Uid = owner.Uid, Controller = true };

    private static JsonObject ToJson(object obj) => (JsonObject)JsonNode.Parse(k8s.KubernetesJson.Serialize(obj))!;

    // Discovery documents (/api, /apis, /api/v1, /apis/GROUP/VERSION) carry no objects.
    private static bool IsDiscovery(string path) =>
        Regex.IsMatch(path, @"^/(api|apis)(/v1|/[^/]+/v\d\w*)?$") || path.StartsWith("/apis/", StringComparison.Ordinal) && path.Count(c => c == '/') == 2;

    private static IEnumerable<string> Blocks(string text) =>
        text.Split("\n\n").Where(b => b.StartsWith('['));
}
