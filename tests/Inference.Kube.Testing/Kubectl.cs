using System.Diagnostics;
using Inference.Testing;

namespace Inference.Kube.Testing;

/// <summary>The real kubectl on PATH, run as a process against a test server's kubeconfig.</summary>
public static class Kubectl
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static bool Available { get; } = FindOnPath() is not null;

    /// <summary>Fixtures and kubectl both present, else skip visibly (fail when CI is set).</summary>
    public static void Require()
    {
        KubeFixtures.RequireFixtures();
        RequiredInput.Require(Available, "kubectl is not on PATH");
    }

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string Output => Stdout + Stderr;
    }

    /// <summary>Runs kubectl to exit; a run past the limit is killed and fails the test (no sleeps: awaits the exit).</summary>
    public static async Task<Result> RunAsync(ScenarioCluster cluster, params string[] args) =>
        await RunAsync(cluster.KubeconfigPath, null, args);

    public static async Task<Result> RunWithInputAsync(ScenarioCluster cluster, string stdin, params string[] args) =>
        await RunAsync(cluster.KubeconfigPath, stdin, args);

    public static async Task<Result> RunAsync(string kubeconfig, string? stdin, params string[] args)
    {
        using var process = Start(kubeconfig, args, redirectInput: stdin is not null);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', args)} did not exit within {Limit.TotalSeconds}s");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts kubectl and leaves it running (for watches); the caller reads its output and disposes it.</summary>
    public static Process Start(string kubeconfig, string[] args, bool redirectInput = false)
    {
        var info = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--kubeconfig");
        info.ArgumentList.Add(kubeconfig);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // A private cache: discovery cached from one test server must not answer for another on a reused port.
        info.Environment["KUBECACHEDIR"] = Path.Combine(Path.GetDirectoryName(kubeconfig)!, "cache");
        info.Environment["HOME"] = Path.GetDirectoryName(kubeconfig)!;
        return Process.Start(info) ?? throw new InvalidOperationException("kubectl did not start");
    }

    private static string? FindOnPath() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "kubectl"))
            .FirstOrDefault(File.Exists);
}
