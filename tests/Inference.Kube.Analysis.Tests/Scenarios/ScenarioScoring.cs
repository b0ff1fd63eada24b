using Inference.Kube.Analysis.Findings;

namespace Inference.Kube.Analysis.Tests.Scenarios;

/// <summary>The kube-scenarios README's matching rules: recall over expectations, precision over findings.</summary>
public static class ScenarioScoring
{
    public static bool Matches(Finding finding, ExpectedFinding expected) =>
        (expected.Context is null || expected.Context == finding.Context)
        && new[] { finding.Object }.Concat(finding.Parents).Any(o => o.ToString() == expected.Object)
        && expected.Evidence.All(e => finding.Text.Contains(e, StringComparison.OrdinalIgnoreCase));

    public static (double Recall, double Precision) Score(IReadOnlyList<Finding> findings, IReadOnlyList<ExpectedFinding> expected)
    {
        var recall = expected.Count == 0 ? 1.0 : (double)expected.Count(e => findings.Any(f => Matches(f, e))) / expected.Count;
        var precision = findings.Count == 0 ? 1.0 : (double)findings.Count(f => expected.Any(e => Matches(f, e))) / findings.Count;
        return (recall, precision);
    }
}
