using Inference.Kube.Testing;

namespace Inference.Kube.Testing.Tests;

/// <summary>Real kubectl reading a scenario from the stand-in for kube-apiserver.</summary>
public sealed class KubectlGetTests
{
    [SkippableFact]
    public async Task Get_pods_prints_the_table_with_ready_status_and_restarts()
    {
        Kubectl.Require();
        await using var cluster = await ScenarioCluster.StartAsync("crashloop-missing-env");

        var result = await Kubectl.RunAsync(cluster, "get", "pods", "-n", "shop");

        Assert.True(result.ExitCode == 0, result.Output);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("checkout-", StringComparison.Ordinal) && l.Contains("CrashLoopBackOff", StringComparison.Ordinal));
    }
}
