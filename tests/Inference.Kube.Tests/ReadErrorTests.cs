using System.Net;
using System.Net.Sockets;
using Inference.Kube.Access;
using Inference.Kube.Tools;

namespace Inference.Kube.Tests;

/// <summary>Failures come back as one readable paragraph with an outcome, never an exception (loopback API server, a stand-in for kube-apiserver).</summary>
public sealed class ReadErrorTests
{
    [SkippableFact]
    public async Task Unknown_context_kind_object_tool_and_bad_arguments_each_give_a_clear_result()
    {
        await using var session = await ReadSession.StartAsync("crashloop-missing-env");

        var context = await session.CallAsync("list_resources", """{"kind":"pods","context":"nope"}""");
        Assert.Equal(ToolOutcomes.Invalid, context.Outcome);
        Assert.Equal("Unknown context \"nope\". Known contexts: default, default-readonly.", context.Text);

        var kind = await session.CallAsync("list_resources", """{"kind":"gadgets"}""");
        Assert.Equal(ToolOutcomes.Invalid, kind.Outcome);
        Assert.StartsWith("The cluster of context \"default\" has no resource type \"gadgets\".", kind.Text, StringComparison.Ordinal);
        Assert.Contains("list_api_resources", kind.Text, StringComparison.Ordinal);

        var missing = await session.CallAsync("describe_resource", """{"kind":"deploy","name":"ghost","namespace":"shop"}""");
        Assert.Equal(ToolOutcomes.NotFound, missing.Outcome);
        Assert.StartsWith("Not found in context \"default\":", missing.Text, StringComparison.Ordinal);
        Assert.Contains("ghost", missing.Text, StringComparison.Ordinal);

        var tool = await session.CallAsync("kubectl_exec");
        Assert.Equal(ToolOutcomes.Invalid, tool.Outcome);
        Assert.StartsWith("Unknown tool \"kubectl_exec\". Tools: list_contexts, list_resources,", tool.Text, StringComparison.Ordinal);

        var json = await session.CallAsync("list_resources", "{kind: pods");
        Assert.Equal(ToolOutcomes.Invalid, json.Outcome);
        Assert.StartsWith("Bad arguments for list_resources: not valid JSON", json.Text, StringComparison.Ordinal);

        var required = await session.CallAsync("list_resources", "{}");
        Assert.Equal(("Bad arguments for list_resources: \"kind\" is required.", ToolOutcomes.Invalid), (required.Text, required.Outcome));

        var type = await session.CallAsync("get_logs", """{"pod":"x","tail":"many"}""");
        Assert.Equal(("Bad arguments for get_logs: \"tail\" must be a whole number.", ToolOutcomes.Invalid), (type.Text, type.Outcome));

        var since = await session.CallAsync("get_logs", """{"pod":"x","since":"yesterday"}""");
        Assert.Equal(ToolOutcomes.Invalid, since.Outcome);

        Assert.All(session.Audit.Entries, e => Assert.NotEqual("ok", e["Outcome"]));
        Assert.Equal(8, session.Audit.Entries.Count);
    }

    [Fact]
    public async Task An_unreachable_cluster_gives_a_clear_result()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now
        var dir = Directory.CreateTempSubdirectory("kube-unreachable-");
        try
        {
            var path = Path.Combine(dir.FullName, "kubeconfig");
            await File.WriteAllTextAsync(path, $"""
                apiVersion: v1
                kind: Config
                current-context: gone
                clusters:
                - name: gone
                  cluster:
                    server: http://127.0.0.1:{port}
                contexts:
                - name: gone
                  context:
                    cluster: gone
                    user: u
                users:
                - name: u
                  user:
                    token: t
                """);
            using var contexts = KubeContexts.Load(path);
            var toolbox = KubeToolbox.Create(new KubeToolboxOptions { Clusters = contexts });

            var result = await toolbox.InvokeAsync("cluster_overview", "{}");

            Assert.Equal(ToolOutcomes.Error, result.Outcome);
            Assert.StartsWith($"Cannot reach the cluster of context \"gone\" at http://127.0.0.1:{port}/: ", result.Text, StringComparison.Ordinal);
            Assert.EndsWith("Check that the cluster is up and that the kubeconfig's server address is right.", result.Text, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [SkippableFact]
    public async Task Rejected_credentials_give_a_clear_result()
    {
        await using var session = await ReadSession.StartAsync("crashloop-missing-env");
        var server = session.Cluster.Servers["default"].BaseAddress;
        var dir = Directory.CreateTempSubdirectory("kube-badtoken-");
        try
        {
            var path = Path.Combine(dir.FullName, "kubeconfig");
            await File.WriteAllTextAsync(path, $$$"""
                apiVersion: v1
                kind: Config
                current-context: stale
                clusters: [{"name": "c", "cluster": {"server": "{{{server}}}"}}]
                contexts: [{"name": "stale", "context": {"cluster": "c", "user": "u"}}]
                users: [{"name": "u", "user": {"token": "expired-token"}}]
                """);
            using var contexts = KubeContexts.Load(path);
            var result = await KubeToolbox.Create(new KubeToolboxOptions { Clusters = contexts })
                .InvokeAsync("list_resources", """{"kind":"pods"}""");

            Assert.Equal(ToolOutcomes.Forbidden, result.Outcome);
            Assert.StartsWith("Unauthorized: the credentials of context \"stale\" were not accepted", result.Text, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Kubeconfig_files_merge_with_the_first_file_winning()
    {
        var dir = Directory.CreateTempSubdirectory("kube-merge-");
        try
        {
            var a = Path.Combine(dir.FullName, "a");
            var b = Path.Combine(dir.FullName, "b");
            File.WriteAllText(a, """
                apiVersion: v1
                kind: Config
                current-context: one
                clusters: [{"name": "c1", "cluster": {"server": "http://127.0.0.1:1"}}]
                contexts: [{"name": "one", "context": {"cluster": "c1", "user": "u", "namespace": "apps"}}]
                users: [{"name": "u", "user": {"token": "t"}}]
                """);
            File.WriteAllText(b, """
                apiVersion: v1
                kind: Config
                current-context: two
                clusters: [{"name": "c2", "cluster": {"server": "http://127.0.0.1:2"}}]
                contexts: [{"name": "two", "context": {"cluster": "c2", "user": "u"}}, {"name": "one", "context": {"cluster": "c2", "user": "u"}}]
                users: [{"name": "u", "user": {"token": "other"}}]
                """);
            using var contexts = KubeContexts.Load(a + Path.PathSeparator + b);

            Assert.Equal(["one", "two"], contexts.Names);
            Assert.Equal("one", contexts.Current);
            Assert.Equal("apps", contexts.DefaultNamespace());
            Assert.Null(contexts.DefaultNamespace("two"));
            Assert.Equal(new Uri("http://127.0.0.1:1"), contexts.Client("one").BaseUri);
            Assert.Equal(new Uri("http://127.0.0.1:2"), contexts.Client("two").BaseUri);
            Assert.Same(contexts.Client("two"), contexts.Client("two"));
            Assert.Throws<UnknownContextException>(() => contexts.Client("three"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
