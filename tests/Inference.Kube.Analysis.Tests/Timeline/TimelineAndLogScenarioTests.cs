using Inference.Kube.Analysis.Logs;
using Inference.Kube.Analysis.Snapshot;
using Inference.Kube.Analysis.Tests.Scenarios;
using Inference.Kube.Analysis.Timeline;
using Xunit.Abstractions;

namespace Inference.Kube.Analysis.Tests.Timeline;

public sealed class TimelineAndLogScenarioTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task The_checkout_timeline_orders_rollout_crashes_warnings_and_the_first_error()
    {
        var snapshot = ScenarioSnapshotLoader.Load(ScenarioFixtures.Require("crashloop-missing-env"));
        var entries = await TimelineBuilder.BuildAsync(snapshot, "shop", "deploy/checkout");
        var text = TimelineBuilder.Render(entries);
        output.WriteLine(text);

        Assert.Equal(entries.OrderBy(e => e.Time), entries);
        Assert.Contains(entries, e => e.Object.Kind == "ReplicaSet" && e.Text.Contains("checkout:3.8.2", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Text.Contains("terminated: Error, exit code 1", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.IsWarning && e.Text.StartsWith("Warning BackOff", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Text.Contains("first error (previous instance)", StringComparison.Ordinal) && e.Text.Contains("DATABASE_URL", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Text.Contains("Scaled up replica set checkout-5c7d9f8b64", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task The_workload_log_summary_puts_the_fatal_line_first_and_marks_what_is_new()
    {
        var snapshot = ScenarioSnapshotLoader.Load(ScenarioFixtures.Require("crashloop-missing-env"));
        var text = await WorkloadLogSummary.SummarizeAsync(snapshot, "shop", "deploy/checkout", tokenBudget: 600);
        output.WriteLine(text);

        var lines = text.Split('\n');
        Assert.Contains("DATABASE_URL is not set", lines[2], StringComparison.Ordinal);
        Assert.True(LogSummaryRenderer.EstimateTokens(text) <= 600);
        Assert.Contains("checkout-5c7d9f8b64-m4hzn/checkout (previous)", lines[0], StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Logs_summary_of_a_pod_that_never_started_says_so_and_an_unknown_kind_is_a_readable_error()
    {
        var snapshot = ScenarioSnapshotLoader.Load(ScenarioFixtures.Require("imagepull-tag-and-auth"));
        var text = await WorkloadLogSummary.SummarizeAsync(snapshot, "web", "deploy/billing-api", 500);
        Assert.StartsWith("No logs for Deployment/web/billing-api", text, StringComparison.Ordinal);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => WorkloadLogSummary.SummarizeAsync(snapshot, "web", "svc/web", 500));
        Assert.Contains("Unknown kind 'svc'", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Timelines_and_log_summaries_of_the_canary_scenario_leak_no_canary()
    {
        var dir = ScenarioFixtures.Require("secret-key-missing-canary");
        var canaries = ScenarioExpectations.Load(dir).MustNotMention;
        var snapshot = ScenarioSnapshotLoader.Load(dir);

        // Stand-in for the tool set's Redactor: hides the password of a URL.
        static string Redact(string s) => System.Text.RegularExpressions.Regex.Replace(s, @"://([^:/@\s]+):[^@\s]+@", "://$1:[REDACTED]@");

        var summary = await WorkloadLogSummary.SummarizeAsync(snapshot, "billing", "deploy/invoice-service", 2000, redact: Redact);
        var timeline = TimelineBuilder.Render(await TimelineBuilder.BuildAsync(snapshot, "billing", "deploy/invoice-service"), Redact);
        output.WriteLine(summary);
        foreach (var canary in canaries)
        {
            Assert.DoesNotContain(canary, summary, StringComparison.Ordinal);
            Assert.DoesNotContain(canary, timeline, StringComparison.Ordinal);
        }
    }
}
