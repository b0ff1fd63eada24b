using System.Text;
using System.Text.Json.Nodes;
using Inference.Kube.Access;
using Inference.Kube.Formatting;
using Inference.Kube.Testing;
using Inference.Kube.Tools;
using Inference.Kube.Tools.Read;

namespace Inference.Kube.Tests;

/// <summary>
/// Every read tool over every object of every scenario (loopback Kubernetes API test server, a stand-in for
/// kube-apiserver): no scenario canary and no Secret value (raw or base64) comes out, and no call fails unexpectedly.
/// </summary>
public sealed class ReadNoLeakTests
{
    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (var id in KubeFixtures.ScenarioIds)
            data.Add(id);
        if (data.Count == 0)
            data.Add("(fixtures missing)");
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Scenarios))]
    public async Task No_tool_output_mentions_a_canary_or_a_secret_value(string scenarioId)
    {
        await using var session = await ReadSession.StartAsync(scenarioId);
        var scenario = session.Cluster.Scenario!;
        var forbidden = new HashSet<string>(scenario.MustNotMention, StringComparer.Ordinal);
        var outputs = new List<(string Call, ToolResult Result)>();

        foreach (var context in scenario.Contexts)
        {
            foreach (var secret in session.Cluster.Servers[context].Store.List("v1", "Secret"))
                foreach (var value in SecretValues(secret))
                    forbidden.Add(value);
            foreach (var call in await CallsAsync(session.Contexts.Api(context), context))
                outputs.Add((call.Tool + " " + call.Args, await session.CallAsync(call.Tool, call.Args)));
        }

        Assert.True(outputs.Count > 50, $"only {outputs.Count} calls");
        foreach (var (call, result) in outputs)
        {
            foreach (var value in forbidden)
                Assert.False(result.Text.Contains(value, StringComparison.Ordinal), $"{call} printed \"{value}\":\n{result.Text}");
            Assert.False(result.IsError, $"{call}: {result.Text}");
        }
    }

    // Every decoded value (and its base64) long enough not to occur by chance; multi-line values by their lines.
    internal static IEnumerable<string> SecretValues(JsonObject secret)
    {
        foreach (var (_, node) in secret.Map("data"))
        {
            var base64 = node?.ToString() ?? "";
            if (base64.Length >= 8)
                yield return base64;
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            foreach (var line in text.Split('\n').Prepend(text).Select(l => l.Trim()))
                if (line.Length >= 8 && !line.StartsWith("-----", StringComparison.Ordinal))
                    yield return line;
        }
    }

    private static async Task<List<(string Tool, string Args)>> CallsAsync(KubeApi api, string context)
    {
        var calls = new List<(string, string)>
        {
            ("list_contexts", "{}"),
            ("cluster_overview", Args(context)),
            ("list_api_resources", Args(context)),
            ("top", Args(context, "\"kind\":\"nodes\"")),
            ("get_events", Args(context, "\"all_namespaces\":true")),
        };
        var types = (await api.DiscoverAsync(CancellationToken.None)).Where(t => t.Verbs.Contains("list")).ToList();
        foreach (var type in types)
        {
            List<JsonObject> items;
            try
            {
                items = await ReadHelpers.ListAsync(api, type, null, null, null, CancellationToken.None);
            }
            catch (KubeApiException)
            {
                continue; // kinds the stand-in serves only in discovery
            }

            if (items.Count == 0)
                continue;
            calls.Add(("list_resources", Args(context, $"\"kind\":\"{type.FullName}\",\"all_namespaces\":true")));
            foreach (var item in items)
            {
                var target = $"\"kind\":\"{type.FullName}\",\"name\":\"{item.Name()}\"" + (item.Namespace() is { } ns ? $",\"namespace\":\"{ns}\"" : "");
                calls.Add(("get_resource", Args(context, target)));
                calls.Add(("get_resource", Args(context, target + ",\"output\":\"summary\"")));
                calls.Add(("describe_resource", Args(context, target)));
                if (type.Kind == "Pod")
                {
                    foreach (var container in item.Objects("spec.containers").Select(c => c.Str("name")))
                    {
                        var logs = $"\"pod\":\"{item.Name()}\",\"namespace\":\"{item.Namespace()}\",\"container\":\"{container}\"";
                        calls.Add(("get_logs", Args(context, logs)));
                        calls.Add(("get_logs", Args(context, logs + ",\"previous\":true")));
                    }
                }
            }
        }

        return calls;
    }

    private static string Args(string context, string more = "") =>
        "{\"context\":\"" + context + "\"" + (more.Length > 0 ? "," + more : "") + "}";
}
