using Inference.Kube.Access;
using Inference.Kube.Safety;
using Inference.Kube.Analysis.Analyzers;
using Inference.Kube.Analysis.Rendering;
using Inference.Kube.Analysis.Snapshot;
using Inference.Kube.Testing;
using Inference.Server.Cli;
using Microsoft.Extensions.Time.Testing;

namespace Inference.Agent.EndToEnd.Tests;

/// <summary>
/// `inference kube diagnose --no-model` against the loopback Kubernetes API test server (a stand-in for
/// kube-apiserver): it prints exactly the analyzers' findings for the same snapshot, then the log summaries of the
/// workloads they name, and no model is asked (no endpoint is given; the default one is not listening).
/// </summary>
public sealed class DiagnoseEndToEndTests
{
    [SkippableTheory]
    [InlineData("crashloop-missing-env", "shop", "Deployment/shop/checkout")]
    [InlineData("secret-key-missing-canary", "billing", "Deployment/billing/invoice-service")]
    public async Task No_model_prints_exactly_the_analyzers_findings_then_the_log_summaries(string scenarioId, string ns, string workload)
    {
        KubeFixtures.RequireFixtures();
        await using var cluster = await ScenarioCluster.StartAsync(scenarioId);
        var scenario = cluster.Scenario!;

        var run = await CliRun.RunAsync(KubeDiagnoseCommand.Create(clock: new FakeTimeProvider(scenario.Now)),
            "--no-model", "-n", ns, "--kubeconfig", cluster.KubeconfigPath, "--endpoint", "http://127.0.0.1:9/v1");

        Assert.Equal(0, run.ExitCode);
        using var clusters = KubeContexts.Load(cluster.KubeconfigPath);
        var snapshot = await LiveSnapshotLoader.LoadAsync(clusters.Client(), ns, scenario.Now, clusters.Current);
        // The tool set's redaction, as the command plugs it in: credential patterns, and the namespace's Secret values.
        var redactor = new Redactor();
        foreach (var value in ScenarioSecrets.Decoded(cluster, ns))
            redactor.LearnSecretValue(value);
        var findings = await new ClusterAnalyzer().AnalyzeAsync(snapshot, new AnalyzeOptions { Namespaces = new HashSet<string> { ns }, Redact = redactor.Redact });
        var expected = FindingsTextRenderer.Render(findings);
        Assert.Contains(findings, f => f.Object.ToString() == workload);
        Assert.StartsWith(expected + "\n\nLogs of ", run.Output, StringComparison.Ordinal);
        Assert.Contains($"\n\nLogs of {workload}:\n", run.Output, StringComparison.Ordinal);
        foreach (var value in scenario.MustNotMention)
            Assert.DoesNotContain(value, run.Output, StringComparison.Ordinal);
    }
}
