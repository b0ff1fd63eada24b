using System.CommandLine;
using Inference.Kube.Testing;
using Inference.Server.Cli;

namespace Inference.Kube.Tests;

/// <summary>
/// `inference kube logs-summary` and `inference kube timeline` (the real commands, in process, output captured) against
/// the loopback Kubernetes API test server, a stand-in for kube-apiserver.
/// </summary>
public sealed class CliKubeTroubleshootTests
{
    [SkippableFact]
    public async Task Logs_summary_of_a_crash_looping_deployment_names_the_cause_line()
    {
        KubeFixtures.RequireFixtures();
        await using var cluster = await ScenarioCluster.StartAsync("crashloop-missing-env");

        var all = await RunAsync("kube", "logs-summary", "deploy/checkout", "-n", "shop", "--kubeconfig", cluster.KubeconfigPath);
        var previous = await RunAsync("kube", "logs-summary", "deploy/checkout", "-n", "shop", "-c", "checkout", "--previous", "--kubeconfig", cluster.KubeconfigPath);

        Assert.Equal((0, ""), (all.ExitCode, all.Stderr.Trim()));
        Assert.StartsWith("Log summary of deploy/checkout in namespace shop (context default):\n", all.Stdout, StringComparison.Ordinal);
        Assert.Contains("DATABASE_URL is not set", all.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, previous.ExitCode);
        Assert.StartsWith("Log summary of deploy/checkout in namespace shop (context default, container checkout, previous instances):", previous.Stdout, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Timeline_of_a_deployment_is_oldest_first_and_ends_with_its_summary_line()
    {
        KubeFixtures.RequireFixtures();
        await using var cluster = await ScenarioCluster.StartAsync("crashloop-missing-env");

        var run = await RunAsync("kube", "timeline", "deploy/checkout", "-n", "shop", "--kubeconfig", cluster.KubeconfigPath);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.TrimEnd('\n').Split('\n');
        Assert.Matches(@"^\[timeline of Deployment/shop/checkout, \d+ entries, oldest first, context default\]$", lines[^1]);
        Assert.Contains(lines, l => l.Contains("terminated: Error, exit code 1", StringComparison.Ordinal));
        var times = lines[..^1].Select(l => l[..19]).ToList(); // "yyyy-MM-dd HH:mm:ss": sorts as text
        Assert.Equal(times.Order(StringComparer.Ordinal), times);
    }

    [SkippableFact]
    public async Task A_bad_target_or_context_is_one_line_on_stderr_with_exit_code_2()
    {
        KubeFixtures.RequireFixtures();
        await using var cluster = await ScenarioCluster.StartAsync("crashloop-missing-env");

        var kind = await RunAsync("kube", "timeline", "svc/checkout", "-n", "shop", "--kubeconfig", cluster.KubeconfigPath);
        var context = await RunAsync("kube", "logs-summary", "deploy/checkout", "--context", "nope", "--kubeconfig", cluster.KubeconfigPath);

        foreach (var run in new[] { kind, context })
        {
            Assert.Equal((2, ""), (run.ExitCode, run.Stdout));
            Assert.Single(run.Stderr.TrimEnd('\n').Split('\n'));
            Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        }

        Assert.Contains("svc", kind.Stderr, StringComparison.Ordinal);
        Assert.Contains("nope", context.Stderr, StringComparison.Ordinal);
    }

    private sealed record CliRun(int ExitCode, string Stdout, string Stderr);

    private static async Task<CliRun> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var code = await InferenceCli.Create().Parse(args).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }
}
