using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Inference.Kube.Tools;

namespace Inference.Kube.Tests;

/// <summary>Huge results come back within the token budget and say what was cut (loopback API server, a stand-in for kube-apiserver).</summary>
public sealed class ReadBudgetTests
{
    [SkippableFact]
    public async Task A_2000_pod_list_fits_the_budget_with_the_failing_pods_first_and_says_how_to_narrow()
    {
        await using var session = await ReadSession.StartEmptyAsync();
        var server = session.Cluster.Servers["default"];
        for (var i = 0; i < 2000; i++)
            server.Store.Add(Pod($"web-{i:0000}", crashing: i % 250 == 7));

        var result = await session.CallAsync("list_resources", """{"kind":"pods","namespace":"load"}""");

        Assert.Equal(ToolOutcomes.Ok, result.Outcome);
        var budget = session.Toolbox.Budget;
        Assert.True(budget.Counter.Count(result.Text) <= budget.MaxTokens, $"{budget.Counter.Count(result.Text)} tokens");
        var lines = result.Text.Split('\n');
        Assert.Equal("2000 pods in namespace load (context default); 8 need attention, listed first:", lines[0]);
        Assert.All(lines[2..10], l => Assert.Contains("CrashLoopBackOff", l, StringComparison.Ordinal));
        var kept = lines.Length - 3;
        Assert.True(kept is > 10 and < 2000);
        Assert.Equal(
            $"[{2000 - kept} of 2000 rows left out to fit the budget of {budget.MaxTokens} tokens; narrow with namespace, label_selector or field_selector (e.g. status.phase!=Running)]",
            lines[^1]);
        Assert.True(server.Requests.Count(r => r.PathAndQuery.StartsWith("/api/v1/namespaces/load/pods?", StringComparison.Ordinal)) >= 4,
            "the list is read in pages");
    }

    [SkippableFact]
    public async Task A_50000_line_log_keeps_the_newest_lines_that_fit_and_says_how_many_were_dropped()
    {
        await using var session = await ReadSession.StartEmptyAsync();
        var server = session.Cluster.Servers["default"];
        server.Store.Add(Pod("chatty", crashing: false));
        var log = new StringBuilder();
        for (var i = 1; i <= 50_000; i++)
            log.Append(CultureInfo.InvariantCulture, $"2026-11-25T10:00:00.000Z INFO request {i} served in 12ms\n");
        server.Logs.Set("load", "chatty", "app", log.ToString());

        var result = await session.CallAsync("get_logs", """{"pod":"chatty","namespace":"load"}""");

        Assert.Equal(ToolOutcomes.Ok, result.Outcome);
        var budget = session.Toolbox.Budget;
        Assert.True(budget.Counter.Count(result.Text) <= budget.MaxTokens, $"{budget.Counter.Count(result.Text)} tokens");
        var lines = result.Text.Split('\n');
        Assert.Equal("[pod load/chatty, container app, 50000 lines]", lines[^1]);
        Assert.EndsWith("request 50000 served in 12ms", lines[^2], StringComparison.Ordinal);
        var kept = lines.Length - 1; // the note
        Assert.Equal(
            $"[{50_001 - kept} older lines dropped, newest {kept} kept, to fit the budget of {budget.MaxTokens} tokens; use tail, since or grep to see other lines]",
            lines[0]);

        var grep = await session.CallAsync("get_logs", """{"pod":"chatty","namespace":"load","grep":"request 4999\\d "}""");
        Assert.Equal(11, grep.Text.Split('\n').Length);
        Assert.EndsWith("50000 lines, 10 matching \"request 4999\\d \"]", grep.Text, StringComparison.Ordinal);
    }

    private static JsonObject Pod(string name, bool crashing)
    {
        var state = crashing
            ? """{"waiting":{"reason":"CrashLoopBackOff","message":"back-off 5m0s"}}"""
            : """{"running":{"startedAt":"2026-11-25T09:00:00Z"}}""";
        return (JsonObject)JsonNode.Parse($$$"""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{name}}}","namespace":"load","labels":{"app":"web"}},
             "spec":{"nodeName":"node-1","containers":[{"name":"app","image":"web:1"}]},
             "status":{"phase":"Running","containerStatuses":[{"name":"app","ready":{{{(crashing ? "false" : "true")}}},"restartCount":{{{(crashing ? 9 : 0)}}},"state":{{{state}}}}]}}
            """)!;
    }
}
