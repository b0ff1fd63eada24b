using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using Inference.Kube.Analysis.Analyzers;
using Inference.Kube.Analysis.Rendering;
using Inference.Kube.Analysis.Snapshot;
using Inference.Kube.Safety;
using Inference.Kube.Testing;
using Inference.Server.Cli;
using Microsoft.Extensions.Time.Testing;

namespace Inference.Kube.Tests;

/// <summary>
/// `inference kube analyze` in process (the real command, output captured) against the loopback Kubernetes API test
/// server (a stand-in for kube-apiserver), with the clock at the scenario's snapshot time.
/// </summary>
public sealed class CliKubeAnalyzeTests(Xunit.Abstractions.ITestOutputHelper output)
{
    public static TheoryData<string> Scenarios() => ReadNoLeakTests.Scenarios();

    [SkippableTheory]
    [MemberData(nameof(Scenarios))]
    public async Task Json_output_equals_the_analyzers_findings_on_the_scenario_files(string scenarioId)
    {
        KubeFixtures.RequireFixtures();
        await using var cluster = await ScenarioCluster.StartAsync(scenarioId);
        var scenario = cluster.Scenario!;

        foreach (var context in scenario.Contexts)
        {
            var run = await RunAsync(scenario.Now, "kube", "analyze", "-A", "-o", "json", "--context", context, "--kubeconfig", cluster.KubeconfigPath);

            var expected = await new ClusterAnalyzer().AnalyzeAsync(ScenarioSnapshotLoader.Load(scenario.Directory, context),
                new AnalyzeOptions { Redact = new Redactor().Redact });
            Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
            Assert.Equal(FindingsJson.Serialize(expected, indented: true), run.Stdout.TrimEnd('\n'));
        }
    }

    [SkippableFact]
    public async Task Text_output_is_grouped_by_namespace_and_plain_when_redirected()
    {
        KubeFixtures.RequireFixtures();
        await using var cluster = await ScenarioCluster.StartAsync("node-notready-and-taint");

        var run = await RunAsync(cluster.Scenario!.Now, "kube", "analyze", "-A", "--kubeconfig", cluster.KubeconfigPath);

        output.WriteLine(run.Stdout);
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain('\u001b', run.Stdout); // no ANSI colour codes in a redirected output
        var lines = run.Stdout.Split('\n');
        Assert.Matches(@"^\d+ findings \(\d+ critical(, \d+ \w+)*\) in all namespaces \(context default\)$", lines[0]);
        var clusterScoped = Array.IndexOf(lines, "cluster-scoped");
        var orders = Array.IndexOf(lines, "namespace orders");
        var search = Array.IndexOf(lines, "namespace search");
        Assert.True(clusterScoped > 0 && orders > clusterScoped && search > orders, run.Stdout);
        Assert.Contains(lines[(clusterScoped + 1)..orders], l => l.StartsWith("  [critical] Node/aks-general-31415926-vmss000002: ", StringComparison.Ordinal));
        Assert.Contains(lines[(search + 1)..], l => l.StartsWith("  [critical] Deployment/search/search-indexer", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("    fix: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("    - ", StringComparison.Ordinal));

        var pods = await RunAsync(cluster.Scenario.Now, "kube", "analyze", "-n", "search", "--kind", "Node,pods", "--kubeconfig", cluster.KubeconfigPath);
        Assert.Equal(0, pods.ExitCode);
        Assert.Contains("in namespace search (context default)", pods.Stdout.Split('\n')[0], StringComparison.Ordinal);
        Assert.DoesNotContain("namespace orders", pods.Stdout, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_healthy_cluster_says_so_with_exit_code_0()
    {
        KubeFixtures.RequireFixtures();
        await using var cluster = await ScenarioCluster.StartAsync("multicluster-staging-hpa-cronjob");
        var healthy = cluster.Scenario!.Contexts.Single(c => !cluster.Scenario.ExpectedFindings.Any(f => f.Context == c));

        var text = await RunAsync(cluster.Scenario.Now, "kube", "analyze", "-A", "--context", healthy, "--kubeconfig", cluster.KubeconfigPath);
        var json = await RunAsync(cluster.Scenario.Now, "kube", "analyze", "-A", "--context", healthy, "-o", "json", "--kubeconfig", cluster.KubeconfigPath);

        Assert.Equal((0, $"No problems found in all namespaces (context {healthy}).\n"), (text.ExitCode, text.Stdout));
        Assert.Equal((0, "{\n  \"findings\": []\n}\n"), (json.ExitCode, json.Stdout));
    }

    [SkippableFact]
    public async Task Bad_context_namespace_kind_and_an_unreachable_cluster_are_one_line_with_exit_code_2()
    {
        KubeFixtures.RequireFixtures();
        await using var cluster = await ScenarioCluster.StartAsync("crashloop-missing-env");
        var kubeconfig = cluster.KubeconfigPath;

        var context = await RunAsync(null, "kube", "analyze", "--context", "nope", "--kubeconfig", kubeconfig);
        var ns = await RunAsync(null, "kube", "analyze", "-n", "shopp", "--kubeconfig", kubeconfig);
        var kind = await RunAsync(null, "kube", "analyze", "--kind", "Gadget", "--kubeconfig", kubeconfig);
        var both = await RunAsync(null, "kube", "analyze", "-n", "shop", "-A", "--kubeconfig", kubeconfig);
        var dir = Directory.CreateTempSubdirectory("kube-unreachable-");
        var port = FreePort();
        CliRun unreachable;
        try
        {
            var path = Path.Combine(dir.FullName, "kubeconfig");
            await File.WriteAllTextAsync(path, $$$"""
                apiVersion: v1
                kind: Config
                current-context: gone
                clusters: [{"name": "gone", "cluster": {"server": "http://127.0.0.1:{{{port}}}"}}]
                contexts: [{"name": "gone", "context": {"cluster": "gone", "user": "u"}}]
                users: [{"name": "u", "user": {"token": "t"}}]
                """);
            unreachable = await RunAsync(null, "kube", "analyze", "--kubeconfig", path);
        }
        finally
        {
            dir.Delete(recursive: true);
        }

        foreach (var run in new[] { context, ns, kind, both, unreachable })
        {
            Assert.Equal((2, ""), (run.ExitCode, run.Stdout));
            Assert.Single(run.Stderr.TrimEnd('\n').Split('\n'));
            Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        }

        Assert.StartsWith("Unknown context \"nope\". Known contexts: default, default-readonly.", context.Stderr, StringComparison.Ordinal);
        Assert.StartsWith("namespace \"shopp\" does not exist in context \"default\".", ns.Stderr, StringComparison.Ordinal);
        Assert.StartsWith("analyze has no checks for kind \"Gadget\".", kind.Stderr, StringComparison.Ordinal);
        Assert.StartsWith("Use -n NAMESPACE or -A, not both.", both.Stderr, StringComparison.Ordinal);
        Assert.StartsWith($"Cannot analyze the cluster of context \"gone\" at http://127.0.0.1:{port}/: ", unreachable.Stderr, StringComparison.Ordinal);
    }

    private sealed record CliRun(int ExitCode, string Stdout, string Stderr);

    // now: the scenario's snapshot moment for runs whose findings are compared; null runs the command as the
    // program registers it (wall clock), which also shows that `kube analyze` is wired into the command tree.
    private static async Task<CliRun> RunAsync(DateTimeOffset? now, params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var root = now is { } at
            ? new RootCommand { new Command("kube") { KubeAnalyzeCommand.Create(new FakeTimeProvider(at)) } }
            : InferenceCli.Create();
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now
        return port;
    }
}
