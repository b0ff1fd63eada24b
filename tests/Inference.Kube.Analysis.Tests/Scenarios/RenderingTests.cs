using System.Text.Json;
using Inference.Kube.Analysis.Analyzers;
using Inference.Kube.Analysis.Rendering;
using Inference.Kube.Analysis.Snapshot;

namespace Inference.Kube.Analysis.Tests.Scenarios;

public sealed class RenderingTests
{
    [SkippableFact]
    public async Task The_healthy_prod_context_yields_no_finding_while_staging_has_two()
    {
        var dir = ScenarioFixtures.Require("multicluster-staging-hpa-cronjob");
        var prod = await new ClusterAnalyzer().AnalyzeAsync(ScenarioSnapshotLoader.Load(dir, "prod"));
        var staging = await new ClusterAnalyzer().AnalyzeAsync(ScenarioSnapshotLoader.Load(dir, "staging"));
        Assert.Empty(prod);
        Assert.Equal("No problems found.", FindingsTextRenderer.Render(prod));
        Assert.Equal(2, staging.Count);
        Assert.All(staging, f => Assert.Equal("staging", f.Context));
    }

    [SkippableFact]
    public async Task Json_output_has_the_documented_shape()
    {
        var findings = await new ClusterAnalyzer().AnalyzeAsync(ScenarioSnapshotLoader.Load(ScenarioFixtures.Require("pvc-pending-no-storageclass")));
        using var json = JsonDocument.Parse(FindingsJson.Serialize(findings));
        var items = json.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(findings.Count, items.Count);
        var pvc = items.Single(i => i.GetProperty("object").GetProperty("kind").GetString() == "PersistentVolumeClaim");
        Assert.Equal("bi", pvc.GetProperty("object").GetProperty("namespace").GetString());
        Assert.Equal("metabase-data", pvc.GetProperty("object").GetProperty("name").GetString());
        Assert.Equal("critical", pvc.GetProperty("severity").GetString());
        Assert.Equal(JsonValueKind.Array, pvc.GetProperty("parents").ValueKind);
        Assert.NotEmpty(pvc.GetProperty("evidence").EnumerateArray());
        Assert.Contains("storageclass", pvc.GetProperty("fix").GetString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Text_output_puts_critical_findings_first_with_evidence_and_fix()
    {
        var findings = await new ClusterAnalyzer().AnalyzeAsync(ScenarioSnapshotLoader.Load(ScenarioFixtures.Require("rollout-stuck-readiness-port")));
        var text = FindingsTextRenderer.Render(findings);
        var lines = text.Split('\n');
        Assert.Equal("1 finding", lines[0]);
        Assert.StartsWith("[critical] Deployment/payments/payments-gateway: ", lines[2], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("  fix: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  - ", StringComparison.Ordinal) && l.Contains("8080", StringComparison.Ordinal));
    }
}
