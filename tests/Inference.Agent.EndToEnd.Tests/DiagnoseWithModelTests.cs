using Inference.Kube.Testing;
using Inference.Server.Cli;
using Microsoft.Extensions.Time.Testing;

namespace Inference.Agent.EndToEnd.Tests;

/// <summary>
/// `inference kube diagnose` with a model: our real server on 127.0.0.1 (tiny model) and the loopback Kubernetes API
/// test server (a stand-in for kube-apiserver). The deterministic report is printed first and sent to the model; no
/// canary or Secret value is in any request.
/// </summary>
[Collection(ModelServerCollection.Name)]
public sealed class DiagnoseWithModelTests(ModelServerFixture server)
{
    [SkippableFact]
    public async Task Diagnose_prints_the_report_then_the_models_explanation_and_sends_nothing_secret()
    {
        KubeFixtures.RequireFixtures();
        await using var cluster = await ScenarioCluster.StartAsync("secret-key-missing-canary");
        var clock = new FakeTimeProvider(cluster.Scenario!.Now);
        using var capture = new CapturingHandler();

        var report = await CliRun.RunAsync(KubeDiagnoseCommand.Create(clock: clock), "--no-model", "-n", "billing", "--kubeconfig", cluster.KubeconfigPath);
        var run = await CliRun.RunAsync(KubeDiagnoseCommand.Create(capture, clock), "-n", "billing", "--kubeconfig", cluster.KubeconfigPath,
            "--endpoint", server.Endpoint.ToString(), "--api-key", ModelServerFixture.ApiKey, "--max-steps", "1", "--max-tokens", "3000", "--seed", "7");

        Assert.True(run.ExitCode is 0 or 1, run.ToString());
        Assert.StartsWith(report.Output.TrimEnd('\n') + "\n\nExplanation (", run.Output, StringComparison.Ordinal);
        var (request, _) = Assert.Single(capture.Completions);
        Assert.Contains("invoice-service", request, StringComparison.Ordinal);
        foreach (var value in ScenarioSecrets.Forbidden(cluster))
        {
            Assert.DoesNotContain(value, JsonText.WithStringsUnescaped(request), StringComparison.Ordinal);
            Assert.DoesNotContain(value, run.Output, StringComparison.Ordinal);
        }
    }
}
