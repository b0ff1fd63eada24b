using System.Text.Json.Nodes;
using Inference.Agent.Approvals;
using Inference.Kube.Safety;
using Inference.Kube.Writes;

namespace Inference.Agent.Tests;

/// <summary>
/// The approval rule every command uses (<see cref="WriteApprovals"/>), with a scripted brain (a stand-in for a model)
/// against the loopback Kubernetes API test server (a stand-in for kube-apiserver).
/// </summary>
public sealed class WriteApprovalTests
{
    private const string Scenario = "crashloop-missing-env";
    private const string ScaleCheckout = """{"kind":"deployment","name":"checkout","namespace":"shop","replicas":3}""";
    private const string ScaleRedis = """{"kind":"deployment","name":"redis","namespace":"shop","replicas":2}""";

    [SkippableFact]
    public async Task A_non_interactive_write_without_yes_is_refused_and_changes_nothing()
    {
        var brain = ScriptedBrain.Steps(ScriptedBrain.Call("scale", ScaleCheckout), ScriptedBrain.Answer("not scaled"));
        var approver = WriteApprovals.For(yes: false, ask: null);
        await using var session = await AgentSession.StartAsync(Scenario, brain, allowWrites: true, approver: approver);
        var before = await session.ReadAsync("deployment", "shop", "checkout");
        session.Server.ClearRequests();

        var events = await session.AskAsync("scale checkout in shop to 3");

        var call = Assert.Single(events.OfType<ToolCallFinished>());
        Assert.True(call.IsError);
        Assert.StartsWith("Denied: writes need approval", call.Result, StringComparison.Ordinal);
        var after = await session.ReadAsync("deployment", "shop", "checkout");
        Assert.Equal(before!.ResourceVersion(), after!.ResourceVersion());
        Assert.DoesNotContain(session.Server.Requests, r => IsRealWrite(r.Method, r.PathAndQuery));
    }

    [SkippableFact]
    public async Task With_yes_a_non_interactive_write_runs_and_its_preview_is_shown()
    {
        var brain = ScriptedBrain.Steps(ScriptedBrain.Call("scale", ScaleCheckout), ScriptedBrain.Answer("scaled"));
        var shown = new List<WritePreview>();
        var approver = WriteApprovals.For(yes: true, ask: null, onPreview: shown.Add);
        await using var session = await AgentSession.StartAsync(Scenario, brain, allowWrites: true, approver: approver);

        var events = await session.AskAsync("scale checkout in shop to 3");

        Assert.False(Assert.Single(events.OfType<ToolCallFinished>()).IsError);
        Assert.Contains("replicas: 3", Assert.Single(shown).Diff, StringComparison.Ordinal);
        Assert.Equal(3, (await session.ReadAsync("deployment", "shop", "checkout"))?["spec"]?["replicas"]?.GetValue<int>());
    }

    [SkippableFact]
    public async Task Yes_for_this_session_approves_later_writes_without_asking_again()
    {
        var brain = ScriptedBrain.Steps(
            ScriptedBrain.Call("scale", ScaleCheckout), ScriptedBrain.Call("scale", ScaleRedis), ScriptedBrain.Answer("both scaled"));
        var asked = new List<WritePreview>();
        var autoApproved = new List<WritePreview>();
        var approver = WriteApprovals.For(yes: false, (preview, _) =>
        {
            asked.Add(preview);
            return Task.FromResult(ApprovalAnswer.YesForSession);
        }, autoApproved.Add);
        await using var session = await AgentSession.StartAsync(Scenario, brain, allowWrites: true, approver: approver);
        if (await session.ReadAsync("deployment", "shop", "redis") is null)
            throw new Xunit.Sdk.XunitException("the scenario must hold a second deployment, shop/redis, for this test");

        var events = await session.AskAsync("scale checkout to 3 and redis to 2");

        Assert.All(events.OfType<ToolCallFinished>(), c => Assert.False(c.IsError, c.Result));
        Assert.Contains("checkout", Assert.Single(asked).Summary, StringComparison.Ordinal);
        Assert.Contains("redis", Assert.Single(autoApproved).Summary, StringComparison.Ordinal);
        Assert.Equal(2, (await session.ReadAsync("deployment", "shop", "redis"))?["spec"]?["replicas"]?.GetValue<int>());
    }

    [SkippableFact]
    public async Task A_no_at_the_prompt_declines_the_write()
    {
        var brain = ScriptedBrain.Steps(ScriptedBrain.Call("scale", ScaleCheckout), ScriptedBrain.Answer("not scaled"));
        var approver = WriteApprovals.For(yes: false, (_, _) => Task.FromResult(ApprovalAnswer.No));
        await using var session = await AgentSession.StartAsync(Scenario, brain, allowWrites: true, approver: approver);
        var before = await session.ReadAsync("deployment", "shop", "checkout");

        var events = await session.AskAsync("scale checkout in shop to 3");

        Assert.StartsWith("Declined by the user", Assert.Single(events.OfType<ToolCallFinished>()).Result, StringComparison.Ordinal);
        Assert.Equal(before!.ResourceVersion(), (await session.ReadAsync("deployment", "shop", "checkout"))!.ResourceVersion());
    }

    private static bool IsRealWrite(string method, string pathAndQuery) =>
        method is "POST" or "PUT" or "PATCH" or "DELETE"
        && !pathAndQuery.Contains("dryRun=All", StringComparison.Ordinal)
        && !pathAndQuery.Contains("selfsubjectaccessreviews", StringComparison.Ordinal);
}
