using System.Text;
using System.Text.Json.Nodes;
using Inference.Kube.Tools;

namespace Inference.Kube.Tests;

/// <summary>A Secret value that a program logged bare, with no credential-shaped key around it, is masked (loopback API server, a stand-in for kube-apiserver).</summary>
public sealed class ReadSecretGuardTests
{
    [SkippableFact]
    public async Task Values_of_the_namespaces_secrets_are_masked_in_logs_and_events_before_any_secret_was_read()
    {
        await using var session = await ReadSession.StartEmptyAsync();
        var server = session.Cluster.Servers["default"];
        const string value = "plain-9c41e07d";
        server.Store.Add((JsonObject)JsonNode.Parse($$$"""
            {"apiVersion":"v1","kind":"Secret","metadata":{"name":"api","namespace":"app"},"type":"Opaque",
             "data":{"key":"{{{Convert.ToBase64String(Encoding.UTF8.GetBytes(value))}}}"}}
            """)!);
        server.Store.Add((JsonObject)JsonNode.Parse("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"app"},
             "spec":{"containers":[{"name":"app","image":"web:1"}]},"status":{"phase":"Running"}}
            """)!);
        server.Store.Add((JsonObject)JsonNode.Parse($$$"""
            {"apiVersion":"v1","kind":"Event","metadata":{"name":"web.1","namespace":"app"},"type":"Warning","reason":"BadConfig",
             "message":"upstream rejected {{{value}}}","involvedObject":{"kind":"Pod","name":"web","namespace":"app"},"count":1}
            """)!);
        server.Logs.Set("app", "web", "app", $"boot\nusing upstream key {value} for calls\nready\n");

        var logs = await session.CallAsync("get_logs", """{"pod":"web","namespace":"app"}""");
        var events = await session.CallAsync("get_events", """{"namespace":"app"}""");

        Assert.Equal(ToolOutcomes.Ok, logs.Outcome);
        Assert.Contains("using upstream key [REDACTED] for calls", logs.Text, StringComparison.Ordinal);
        Assert.Contains("upstream rejected [REDACTED]", events.Text, StringComparison.Ordinal);
        Assert.Single(server.Requests, r => r.PathAndQuery.StartsWith("/api/v1/namespaces/app/secrets", StringComparison.Ordinal));
    }
}
