using System.Text.Json.Nodes;
using Inference.Kube.Safety;
using Inference.Kube.Writes;
using Microsoft.Extensions.AI;

namespace Inference.Agent.Tests;

/// <summary>
/// The agent loop's rules, with a scripted brain (a stand-in for a model) against the crash-looping shop scenario
/// served by the loopback Kubernetes API test server (a stand-in for kube-apiserver).
/// </summary>
public sealed class KubeAgentLoopTests
{
    private const string Scenario = "crashloop-missing-env";
    private const string ScaleCheckout = """{"kind":"deployment","name":"checkout","namespace":"shop","replicas":3}""";

    [SkippableFact]
    public async Task The_step_limit_ends_the_turn()
    {
        var brain = new ScriptedBrain(step => ScriptedBrain.Call("list_resources", $$"""{"kind":"pods","namespace":"shop","limit":{{step}}}"""));
        await using var session = await AgentSession.StartAsync(Scenario, brain, options: new KubeAgentOptions { MaxSteps = 3 });

        var events = await session.AskAsync("why is checkout failing?");

        var answer = Assert.IsType<AgentAnswer>(events[^1]);
        Assert.True(answer.HitStepLimit);
        Assert.Equal(3, answer.Steps);
        Assert.Contains("Stopped after 3 steps", answer.Text, StringComparison.Ordinal);
        Assert.Equal(3, brain.Requests.Count);
        Assert.Equal(3, events.OfType<ToolCallFinished>().Count());
    }

    [SkippableFact]
    public async Task A_repeated_call_gets_the_earlier_result_without_calling_the_cluster()
    {
        const string Get = """{"kind":"deployment","name":"checkout","namespace":"shop"}""";
        var brain = ScriptedBrain.Steps(ScriptedBrain.Call("get_resource", Get), ScriptedBrain.Call("get_resource", Get), ScriptedBrain.Answer("done"));
        await using var session = await AgentSession.StartAsync(Scenario, brain);
        var requestsAfterCall = new List<int>();

        var events = await session.AskAsync("show me checkout", e =>
        {
            if (e is ToolCallFinished)
                requestsAfterCall.Add(session.Server.Requests.Count);
        });

        var finished = events.OfType<ToolCallFinished>().ToList();
        Assert.Equal(2, finished.Count);
        Assert.False(finished[0].Repeated);
        Assert.True(finished[1].Repeated);
        Assert.StartsWith(finished[0].Result, finished[1].Result, StringComparison.Ordinal);
        Assert.Contains("already made this exact call", finished[1].Result, StringComparison.Ordinal);
        Assert.Equal(requestsAfterCall[0], requestsAfterCall[1]);
        Assert.Equal("done", Assert.IsType<AgentAnswer>(events[^1]).Text);
    }

    [SkippableFact]
    public async Task A_declined_write_changes_nothing_in_the_cluster()
    {
        var brain = ScriptedBrain.Steps(ScriptedBrain.Call("scale", ScaleCheckout), ScriptedBrain.Answer("not scaled"));
        await using var session = await AgentSession.StartAsync(Scenario, brain, allowWrites: true, answer: ApprovalDecision.Declined);
        var before = await session.ReadAsync("deployment", "shop", "checkout");

        var events = await session.AskAsync("scale checkout in shop to 3");

        var call = Assert.Single(events.OfType<ToolCallFinished>());
        Assert.True(call.IsError);
        Assert.StartsWith("Declined by the user", call.Result, StringComparison.Ordinal);
        Assert.Single(session.Approver.Previews);
        var after = await session.ReadAsync("deployment", "shop", "checkout");
        Assert.Equal(before!.ResourceVersion(), after!.ResourceVersion());
        Assert.Equal(Replicas(before), Replicas(after));
        // The model was told: the second request carries the refusal as the tool result.
        Assert.Contains(brain.Requests[1].Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>(),
            r => r.Result?.ToString()?.StartsWith("Declined by the user", StringComparison.Ordinal) == true);
    }

    [SkippableFact]
    public async Task An_approved_write_changes_exactly_the_previewed_object()
    {
        var brain = ScriptedBrain.Steps(ScriptedBrain.Call("scale", ScaleCheckout), ScriptedBrain.Answer("scaled"));
        await using var session = await AgentSession.StartAsync(Scenario, brain, allowWrites: true, answer: ApprovalDecision.Approved);
        var before = await session.ReadAsync("deployment", "shop", "checkout");
        var configBefore = await session.ReadAsync("configmap", "shop", "checkout-config");
        session.Server.ClearRequests();

        var events = await session.AskAsync("scale checkout in shop to 3");

        var call = Assert.Single(events.OfType<ToolCallFinished>());
        Assert.False(call.IsError, call.Result);
        var preview = Assert.Single(session.Approver.Previews);
        Assert.Contains("checkout", preview.Summary, StringComparison.Ordinal);
        Assert.Contains("replicas: 3", preview.Diff, StringComparison.Ordinal);
        var after = await session.ReadAsync("deployment", "shop", "checkout");
        Assert.NotEqual(before!.ResourceVersion(), after!.ResourceVersion());
        Assert.Equal(3, Replicas(after));
        // The one real write went to the previewed object; everything else was a dry run or an access review.
        var write = Assert.Single(session.Server.Requests, r => r.Method is "POST" or "PUT" or "PATCH" or "DELETE"
            && !r.PathAndQuery.Contains("dryRun=All", StringComparison.Ordinal)
            && !r.PathAndQuery.Contains("selfsubjectaccessreviews", StringComparison.Ordinal));
        Assert.Contains("/namespaces/shop/deployments/checkout", write.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(configBefore!.ResourceVersion(), (await session.ReadAsync("configmap", "shop", "checkout-config"))!.ResourceVersion());
    }

    [SkippableFact]
    public async Task Without_writes_enabled_write_tools_are_not_offered_and_a_call_is_refused_readably()
    {
        var brain = ScriptedBrain.Steps(ScriptedBrain.Call("scale", ScaleCheckout), ScriptedBrain.Answer("cannot"));
        await using var session = await AgentSession.StartAsync(Scenario, brain, allowWrites: false);
        var before = await session.ReadAsync("deployment", "shop", "checkout");

        var events = await session.AskAsync("scale checkout in shop to 3");

        var offered = brain.Requests[0].Options!.Tools!.Select(t => t.Name).ToList();
        Assert.DoesNotContain("scale", offered);
        Assert.Contains("get_resource", offered);
        Assert.Contains("final_answer", offered);
        var call = Assert.Single(events.OfType<ToolCallFinished>());
        Assert.True(call.IsError);
        Assert.Contains("Unknown tool \"scale\"", call.Result, StringComparison.Ordinal);
        Assert.Contains("Writes are not enabled", call.Result, StringComparison.Ordinal);
        Assert.Empty(session.Approver.Previews);
        Assert.Equal(before!.ResourceVersion(), (await session.ReadAsync("deployment", "shop", "checkout"))!.ResourceVersion());
    }

    [SkippableFact]
    public async Task Compaction_keeps_every_request_under_the_budget()
    {
        string[] calls =
        [
            """{"kind":"pods","namespace":"shop"}""",
            """{"kind":"events","namespace":"shop"}""",
            """{"kind":"deployments","namespace":"shop"}""",
            """{"kind":"pods","all_namespaces":true}""",
            """{"kind":"configmaps","namespace":"shop"}""",
            """{"kind":"services","namespace":"shop"}""",
            """{"kind":"replicasets","namespace":"shop"}""",
            """{"kind":"events","all_namespaces":true}""",
        ];
        var brain = new ScriptedBrain(step => step <= calls.Length ? ScriptedBrain.Call("list_resources", calls[step - 1]) : ScriptedBrain.Answer("done"));
        var options = new KubeAgentOptions { ContextTokens = 4000 };
        await using var session = await AgentSession.StartAsync(Scenario, brain, options: options);
        var budget = session.Agent.HistoryBudgetTokens;
        Assert.True(budget < options.HistoryBudget, "the tools' schemas must come off the history's budget");
        var compactor = new HistoryCompactor(options.TokenCounter, budget);

        var events = await session.AskAsync("what runs in shop?");

        Assert.False(Assert.IsType<AgentAnswer>(events[^1]).HitStepLimit);
        Assert.Equal(calls.Length + 1, brain.Requests.Count);
        var uncompacted = events.OfType<ToolCallFinished>().Sum(e => options.TokenCounter.Count(e.Result));
        Assert.True(uncompacted > budget, $"the tool results ({uncompacted} tokens) must exceed the budget ({budget}) for this test to mean anything");
        Assert.All(brain.Requests, r => Assert.True(compactor.Count(r.Messages) <= budget, $"{compactor.Count(r.Messages)} > {budget}"));
        var last = brain.Requests[^1].Messages;
        Assert.Equal(ChatRole.System, last[0].Role);
        Assert.Contains(last, m => m.Role == ChatRole.User && m.Text == "what runs in shop?");
        Assert.Contains(last.SelectMany(m => m.Contents).OfType<FunctionResultContent>(),
            r => r.Result?.ToString()?.StartsWith(HistoryCompactor.SummaryMarker, StringComparison.Ordinal) == true);
    }

    [SkippableFact]
    public async Task The_system_prompt_states_the_clusters_and_the_write_mode_and_our_server_gets_forced_tool_calls()
    {
        var brain = ScriptedBrain.Steps(ScriptedBrain.Answer("hello"));
        await using var session = await AgentSession.StartAsync(Scenario, brain, options: new KubeAgentOptions { RequireToolCall = true });

        var events = await session.AskAsync("hi");

        Assert.Equal("hello", Assert.IsType<AgentAnswer>(events[^1]).Text);
        Assert.Equal(1, Assert.Single(events.OfType<ModelStepFinished>()).Step);
        var prompt = brain.Requests[0].Messages[0].Text;
        Assert.Contains($"Current context: {session.Contexts.Current}", prompt, StringComparison.Ordinal);
        Assert.All(session.Contexts.Names, n => Assert.Contains(n, prompt, StringComparison.Ordinal));
        Assert.Contains("Writes are disabled", prompt, StringComparison.Ordinal);
        Assert.IsType<RequiredChatToolMode>(brain.Requests[0].Options!.ToolMode);
    }

    private static int Replicas(JsonObject? deployment) => deployment?["spec"]?["replicas"]?.GetValue<int>() ?? -1;
}
