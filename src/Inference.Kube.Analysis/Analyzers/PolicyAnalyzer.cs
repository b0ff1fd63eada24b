using Inference.Kube.Analysis.Findings;

namespace Inference.Kube.Analysis.Analyzers;

/// <summary>PodDisruptionBudgets that allow no disruption by their own terms, and NetworkPolicies that select no pod.</summary>
public sealed class PolicyAnalyzer : SyncAnalyzer
{
    public override IReadOnlyCollection<string> Kinds { get; } = ["PodDisruptionBudget", "NetworkPolicy"];

    protected override IEnumerable<Finding> Analyze(AnalysisContext context)
    {
        foreach (var pdb in context.Snapshot.PodDisruptionBudgets)
        {
            var s = pdb.Status;
            // Only when the budget itself forbids disruption; with unhealthy pods the pods are the problem.
            if (s is null || s.ExpectedPods == 0 || s.DisruptionsAllowed > 0 || s.CurrentHealthy < s.DesiredHealthy)
            {
                continue;
            }

            var ns = pdb.Metadata.NamespaceProperty;
            var terms = pdb.Spec?.MinAvailable is { } min ? $"minAvailable {min.Value}" : $"maxUnavailable {pdb.Spec?.MaxUnavailable?.Value}";
            yield return new Finding
            {
                Object = AnalysisContext.Ref("PodDisruptionBudget", pdb.Metadata),
                Context = context.Context,
                Rule = "pdb-no-disruptions",
                Severity = Severity.Warning,
                Message = $"PodDisruptionBudget {pdb.Metadata.Name} allows no disruption ({terms} with {s.ExpectedPods} pods): node drains and upgrades will block",
                Evidence = [$"status: disruptionsAllowed 0, currentHealthy {s.CurrentHealthy}, desiredHealthy {s.DesiredHealthy}, expectedPods {s.ExpectedPods}"],
                Fix = $"allow at least one: kubectl -n {ns} patch pdb {pdb.Metadata.Name} --type merge -p '{{\"spec\":{{\"maxUnavailable\":1,\"minAvailable\":null}}}}' (or run more replicas)",
            };
        }

        foreach (var policy in context.Snapshot.NetworkPolicies)
        {
            var selector = policy.Spec?.PodSelector;
            if (selector is null || (selector.MatchLabels is not { Count: > 0 } && selector.MatchExpressions is not { Count: > 0 }))
            {
                continue; // an empty selector selects every pod of the namespace
            }

            var ns = policy.Metadata.NamespaceProperty;
            if (context.Snapshot.Pods.Any(p => p.Metadata.NamespaceProperty == ns && AnalysisContext.Matches(p.Metadata.Labels, selector)))
            {
                continue;
            }

            var text = selector.MatchLabels is { } ml ? ServiceAnalyzer.Selector(ml) : "matchExpressions";
            yield return new Finding
            {
                Object = AnalysisContext.Ref("NetworkPolicy", policy.Metadata),
                Context = context.Context,
                Rule = "networkpolicy-selects-nothing",
                Severity = Severity.Warning,
                Message = $"NetworkPolicy {policy.Metadata.Name} selects no pod (podSelector {text}): it protects nothing",
                Evidence = [$"spec.podSelector: {text}", $"no pod in {ns} matches"],
                Fix = $"fix spec.podSelector to the pods' labels (kubectl -n {ns} get pods --show-labels)",
            };
        }
    }
}
