using System.CommandLine;
using System.Text.Json.Nodes;
using Inference.Kube.Safety;
using Inference.Kube.Testing;
using Inference.Kube.Writes;
using Inference.Server.Cli;
using Inference.Testing;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Inference.Kube.Tests;

/// <summary>
/// `inference kube tools|run` run in process (the real command tree, output captured), and `inference mcp` once as
/// the built program over stdio, against the loopback Kubernetes API test server (a stand-in for kube-apiserver).
/// </summary>
public sealed class CliKubeTests
{
    private const string Scenario = "crashloop-missing-env";

    [SkippableFact]
    public async Task Kube_tools_json_lists_name_description_and_schema_and_write_tools_only_with_the_flag()
    {
        await using var session = await WriteSession.StartAsync(Scenario, ApprovalDecision.Denied);

        var readOnly = await RunAsync("kube", "tools", "--output", "json", "--kubeconfig", session.Cluster.KubeconfigPath);
        var withWrites = await RunAsync("kube", "tools", "--output", "json", "--allow-writes", "--kubeconfig", session.Cluster.KubeconfigPath);

        Assert.Equal(0, readOnly.ExitCode);
        var tools = JsonNode.Parse(readOnly.Stdout)!.AsArray();
        Assert.Contains(tools, t => t.Str("name") == "list_contexts");
        Assert.Subset(tools.Select(t => t.Str("name")).ToHashSet(), new HashSet<string?> { "analyze", "summarize_logs", "timeline" });
        Assert.Equal("string", tools.Single(t => t.Str("name") == "summarize_logs")!.Str("parameters", "properties", "target", "type"));
        Assert.DoesNotContain(tools, t => t.Str("name") == "scale");
        Assert.All(tools, t =>
        {
            Assert.False(string.IsNullOrWhiteSpace(t.Str("description")));
            Assert.Equal("object", t.Str("parameters", "type"));
        });
        var all = JsonNode.Parse(withWrites.Stdout)!.AsArray().Select(t => t.Str("name")).ToList();
        Assert.Subset(all.ToHashSet(), new HashSet<string?> { "apply_manifest", "scale", "rollout", "patch_resource", "delete_resource", "cordon", "uncordon" });
    }

    [SkippableFact]
    public async Task Kube_run_refuses_a_write_without_allow_writes_and_changes_nothing()
    {
        await using var session = await WriteSession.StartAsync(Scenario, ApprovalDecision.Denied);
        var before = await session.ReadAsync("deployment", "shop", "checkout");

        var run = await RunAsync("kube", "run", "scale", "--args", """{"name":"checkout","namespace":"shop","replicas":5}""", "--kubeconfig", session.Cluster.KubeconfigPath);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("refused without --allow-writes", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(before!.ResourceVersion(), (await session.ReadAsync("deployment", "shop", "checkout"))!.ResourceVersion());
    }

    [SkippableFact]
    public async Task Kube_run_with_allow_writes_prints_the_dry_run_preview_then_writes()
    {
        await using var session = await WriteSession.StartAsync(Scenario, ApprovalDecision.Denied);

        var run = await RunAsync("kube", "run", "scale", "--args", """{"name":"checkout","namespace":"shop","replicas":5}""", "--allow-writes", "--kubeconfig", session.Cluster.KubeconfigPath);

        Assert.Equal(0, run.ExitCode);
        var preview = run.Stdout.IndexOf("Preview (server-side dry run) on context default: scale Deployment/shop/checkout to 5 replicas", StringComparison.Ordinal);
        var done = run.Stdout.IndexOf("Done: scale Deployment/shop/checkout to 5 replicas", StringComparison.Ordinal);
        Assert.InRange(preview, 0, done - 1);
        Assert.Contains("+  replicas: 5", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(5, (await session.ReadAsync("deployment", "shop", "checkout")).Num("spec", "replicas"));
    }

    [SkippableFact]
    public async Task Kube_run_reads_through_the_named_context()
    {
        await using var session = await WriteSession.StartAsync(Scenario, ApprovalDecision.Denied);

        var run = await RunAsync("kube", "run", "rollout", "--args", """{"action":"status","name":"checkout","namespace":"shop"}""", "--allow-writes", "--context", "default-readonly", "--kubeconfig", session.Cluster.KubeconfigPath);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("Deployment/shop/checkout: rollout", run.Stdout, StringComparison.Ordinal);
        Assert.Contains(session.Server.Requests, r => r.User == "viewer");
    }

    [SkippableFact]
    public async Task Kube_run_errors_are_one_line_with_exit_code_2()
    {
        await using var session = await WriteSession.StartAsync(Scenario, ApprovalDecision.Denied);
        var kubeconfig = session.Cluster.KubeconfigPath;

        var unknownContext = await RunAsync("kube", "run", "list_contexts", "--context", "nope", "--kubeconfig", kubeconfig);
        var badJson = await RunAsync("kube", "run", "list_contexts", "--args", "{not json", "--kubeconfig", kubeconfig);
        var noKubeconfig = await RunAsync("kube", "run", "list_contexts", "--kubeconfig", "/nonexistent/kubeconfig");

        foreach (var run in new[] { unknownContext, badJson, noKubeconfig })
        {
            Assert.Equal(2, run.ExitCode);
            Assert.Single(run.Stderr.Trim().Split('\n'));
            Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        }

        Assert.Contains("Unknown context \"nope\"", unknownContext.Stderr, StringComparison.Ordinal);
        Assert.Contains("--args must be one JSON object", badJson.Stderr, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Inference_mcp_serves_the_tools_over_stdio_as_a_program()
    {
        await using var session = await WriteSession.StartAsync(Scenario, ApprovalDecision.Denied);
        var program = Path.Combine(AppContext.BaseDirectory, "inference.dll");
        RequiredInput.Require(File.Exists(program), $"the built inference program is missing ({program})");

        await using var client = await McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "inference",
            Command = "dotnet",
            Arguments = [program, "mcp", "--kubeconfig", session.Cluster.KubeconfigPath, "--allow-writes"],
        }));
        var tools = await client.ListToolsAsync();
        var result = await client.CallToolAsync("scale", new Dictionary<string, object?> { ["name"] = "checkout", ["namespace"] = "shop", ["replicas"] = 3 });

        Assert.Contains(tools, t => t.Name == "scale");
        Assert.True(result.IsError); // this client offers no elicitation, so it cannot approve
        Assert.StartsWith("Denied: writes need approval", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text, StringComparison.Ordinal);
    }

    private sealed record CliRun(int ExitCode, string Stdout, string Stderr);

    private static async Task<CliRun> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await InferenceCli.Create().Parse(args).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }
}
