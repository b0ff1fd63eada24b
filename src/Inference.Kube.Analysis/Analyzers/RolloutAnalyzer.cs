using Inference.Kube.Analysis.Findings;
using static Inference.Kube.Analysis.Analyzers.ContainerStateAnalyzer;

namespace Inference.Kube.Analysis.Analyzers;

/// <summary>
/// Stuck Deployment rollouts: Progressing=False (ProgressDeadlineExceeded), the new ReplicaSet failing while the
/// old one serves. The merger folds this into the pod finding that says why the new pods fail.
/// </summary>
public sealed class RolloutAnalyzer : SyncAnalyzer
{
    public const string Rule = "rollout-stuck";

    public override IReadOnlyCollection<string> Kinds { get; } = ["Deployment", "ReplicaSet"];

    protected override IEnumerable<Finding> Analyze(AnalysisContext context)
    {
        foreach (var deployment in context.Snapshot.Deployments)
        {
            var progressing = deployment.Status?.Conditions?.FirstOrDefault(c => c.Type == "Progressing");
            if (progressing?.Status != "False")
            {
                continue;
            }

            var ns = deployment.Metadata.NamespaceProperty;
            var self = AnalysisContext.Ref("Deployment", deployment.Metadata);
            var sets = context.Snapshot.ReplicaSets
                .Where(rs => rs.Metadata.NamespaceProperty == ns && context.OwnerChain(rs.Metadata) is [var owner, ..] && owner == self)
                .OrderByDescending(rs => Revision(rs.Metadata.Annotations))
                .ToList();
            var evidence = new List<string> { $"condition Progressing=False ({progressing.Reason}): {progressing.Message}" };
            foreach (var rs in sets.Where(rs => (rs.Status?.Replicas ?? 0) > 0 || rs == sets[0]))
            {
                var role = rs == sets[0] ? "new" : "old";
                var image = string.Join(", ", rs.Spec?.Template?.Spec?.Containers?.Select(c => c.Image) ?? []);
                evidence.Add($"{role} ReplicaSet {rs.Metadata.Name} (revision {Revision(rs.Metadata.Annotations)}, {image}): {rs.Status?.ReadyReplicas ?? 0}/{rs.Status?.Replicas ?? 0} ready");
            }

            yield return new Finding
            {
                Object = self,
                Context = context.Context,
                Rule = Rule,
                Severity = Severity.Critical,
                Message = $"rollout stuck ({progressing.Reason}): {Trim(progressing.Message ?? "", 160)}; {deployment.Status?.AvailableReplicas ?? 0}/{deployment.Spec?.Replicas ?? 1} available",
                Evidence = evidence,
                Fix = $"fix the new pods (see the evidence), or roll back: kubectl -n {ns} rollout undo deployment/{deployment.Metadata.Name}",
                Related = [.. sets.Select(rs => AnalysisContext.Ref("ReplicaSet", rs.Metadata))],
            };
        }
    }

    internal static int Revision(IDictionary<string, string>? annotations) =>
        annotations is not null && annotations.TryGetValue("deployment.kubernetes.io/revision", out var r) && int.TryParse(r, out var n) ? n : 0;
}
