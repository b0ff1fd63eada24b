using System.Globalization;
using Inference.Kube.Analysis.Analyzers;
using Inference.Kube.Analysis.Findings;
using Inference.Kube.Analysis.Rendering;
using Inference.Kube.Analysis.Snapshot;
using Xunit.Abstractions;

namespace Inference.Kube.Analysis.Tests.Scenarios;

/// <summary>Every visible scenario, scored by its README's rules; the goal is recall and precision 1.0.</summary>
public sealed class ScenarioTests(ITestOutputHelper output)
{
    [SkippableTheory]
    [MemberData(nameof(ScenarioFixtures.Ids), MemberType = typeof(ScenarioFixtures))]
    public async Task Scenario_is_diagnosed_with_full_recall_and_precision(string id)
    {
        var dir = ScenarioFixtures.Require(id);
        var expectations = ScenarioExpectations.Load(dir);
        var findings = await AnalyzeAllContexts(dir);

        var (recall, precision) = ScenarioScoring.Score(findings, expectations.Findings);
        output.WriteLine($"| scenario | expected | findings | recall | precision |");
        output.WriteLine($"|---|---|---|---|---|");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {id} | {expectations.Findings.Count} | {findings.Count} | {recall:0.00} | {precision:0.00} |"));
        foreach (var expected in expectations.Findings)
        {
            output.WriteLine($"expect {(findings.Any(f => ScenarioScoring.Matches(f, expected)) ? "MATCHED" : "MISSED ")} {expected.Context}:{expected.Object} [{string.Join(", ", expected.Evidence)}]");
        }

        output.WriteLine(FindingsTextRenderer.Render(findings));
        Assert.Equal(1.0, recall);
        Assert.Equal(1.0, precision);
    }

    [SkippableTheory]
    [MemberData(nameof(ScenarioFixtures.Ids), MemberType = typeof(ScenarioFixtures))]
    public async Task No_canary_appears_in_findings_or_their_renderings(string id)
    {
        var dir = ScenarioFixtures.Require(id);
        var expectations = ScenarioExpectations.Load(dir);
        var findings = await AnalyzeAllContexts(dir);
        var outputs = new[] { FindingsTextRenderer.Render(findings), FindingsJson.Serialize(findings) };
        foreach (var canary in expectations.MustNotMention)
        {
            Assert.All(outputs, o => Assert.DoesNotContain(canary, o, StringComparison.OrdinalIgnoreCase));
        }
    }

    internal static async Task<IReadOnlyList<Finding>> AnalyzeAllContexts(string dir)
    {
        var findings = new List<Finding>();
        foreach (var context in ScenarioSnapshotLoader.Contexts(dir))
        {
            findings.AddRange(await new ClusterAnalyzer().AnalyzeAsync(ScenarioSnapshotLoader.Load(dir, context)));
        }

        return findings;
    }
}
