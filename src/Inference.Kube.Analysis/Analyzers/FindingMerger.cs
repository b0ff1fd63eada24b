using Inference.Kube.Analysis.Findings;

namespace Inference.Kube.Analysis.Analyzers;

/// <summary>
/// One finding per root cause and object: findings of one rule on one object merge; a stuck rollout folds into the
/// finding that says why its new pods fail; a Service left without ready endpoints by a failing workload folds into
/// that workload's finding.
/// </summary>
public static class FindingMerger
{
    public static IReadOnlyList<Finding> Merge(IEnumerable<Finding> findings)
    {
        var merged = findings
            .GroupBy(f => (f.Context, f.Object, f.Rule))
            .Select(g => g.Skip(1).Aggregate(g.First(), (a, b) => a with
            {
                Evidence = [.. a.Evidence.Concat(b.Evidence).Distinct()],
                Related = [.. a.Related.Concat(b.Related).Distinct()],
                Severity = a.Severity < b.Severity ? a.Severity : b.Severity,
            }))
            .ToList();

        merged = FoldInto(merged, RolloutAnalyzer.Rule, f => [f.Object]);
        merged = FoldInto(merged, ServiceAnalyzer.NoReadyEndpointsRule, f => f.Related);
        return [.. merged.OrderBy(f => f.Severity).ThenBy(f => f.Context, StringComparer.Ordinal).ThenBy(f => f.Object.ToString(), StringComparer.Ordinal)];
    }

    /// <summary>Appends each <paramref name="rule"/> finding to the other findings on its target objects, and drops it when it found any.</summary>
    private static List<Finding> FoldInto(List<Finding> findings, string rule, Func<Finding, IReadOnlyList<ObjectRef>> targets)
    {
        var result = new List<Finding>(findings);
        foreach (var symptom in findings.Where(f => f.Rule == rule))
        {
            var causes = result.Select((f, i) => (f, i))
                .Where(x => x.f.Rule != rule && x.f.Context == symptom.Context && targets(symptom).Contains(x.f.Object)).ToList();
            if (causes.Count == 0)
            {
                continue;
            }

            foreach (var (cause, index) in causes)
            {
                result[index] = cause with
                {
                    Message = rule == RolloutAnalyzer.Rule ? $"{symptom.Message.Split(';')[0]}: {cause.Message}" : cause.Message,
                    Evidence = [.. cause.Evidence, symptom.Message, .. symptom.Evidence],
                    Fix = rule == RolloutAnalyzer.Rule ? $"{cause.Fix}; {symptom.Fix}" : cause.Fix,
                    Related = [.. cause.Related.Concat(symptom.Related).Append(symptom.Object).Where(o => o != cause.Object).Distinct()],
                };
            }

            result.Remove(symptom);
        }

        return result;
    }
}
