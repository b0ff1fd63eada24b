using Inference.Kube.Analysis.Findings;
using static Inference.Kube.Analysis.Analyzers.ContainerStateAnalyzer;

namespace Inference.Kube.Analysis.Analyzers;

/// <summary>HorizontalPodAutoscalers that cannot scale: a condition False (missing CPU requests, no metrics API), a missing target.</summary>
public sealed class HpaAnalyzer : SyncAnalyzer
{
    public override IReadOnlyCollection<string> Kinds { get; } = ["HorizontalPodAutoscaler"];

    protected override IEnumerable<Finding> Analyze(AnalysisContext context)
    {
        foreach (var hpa in context.Snapshot.HorizontalPodAutoscalers)
        {
            var ns = hpa.Metadata.NamespaceProperty;
            var self = AnalysisContext.Ref("HorizontalPodAutoscaler", hpa.Metadata);
            var target = hpa.Spec.ScaleTargetRef;
            var targetRef = new ObjectRef(target.Kind, ns, target.Name);
            var exists = target.Kind switch
            {
                "Deployment" => context.Snapshot.Deployments.Any(d => d.Metadata.NamespaceProperty == ns && d.Metadata.Name == target.Name),
                "StatefulSet" => context.Snapshot.StatefulSets.Any(d => d.Metadata.NamespaceProperty == ns && d.Metadata.Name == target.Name),
                "ReplicaSet" => context.Snapshot.ReplicaSets.Any(d => d.Metadata.NamespaceProperty == ns && d.Metadata.Name == target.Name),
                _ => true,
            };
            if (!exists)
            {
                yield return new Finding
                {
                    Object = self,
                    Context = context.Context,
                    Rule = "hpa-missing-target",
                    Severity = Severity.Warning,
                    Message = $"HPA {hpa.Metadata.Name} scales {target.Kind} {target.Name}, which does not exist",
                    Evidence = [$"spec.scaleTargetRef: {target.Kind}/{target.Name}"],
                    Fix = $"point scaleTargetRef at the workload's current name, or delete the HPA (kubectl -n {ns} delete hpa {hpa.Metadata.Name})",
                    Related = [targetRef],
                };
                continue;
            }

            var failing = hpa.Status?.Conditions?.Where(c => c.Status == "False" && c.Type is "AbleToScale" or "ScalingActive").ToList() ?? [];
            if (failing.Count == 0)
            {
                continue;
            }

            var first = failing[0];
            var missingRequests = first.Message?.Contains("missing request for", StringComparison.Ordinal) == true;
            yield return new Finding
            {
                Object = self,
                Context = context.Context,
                Rule = "hpa-condition",
                Severity = Severity.Warning,
                Message = $"HPA {hpa.Metadata.Name} cannot scale {target.Kind} {target.Name}: {first.Type}=False ({first.Reason}): {Trim(first.Message ?? "", 200)}",
                Evidence =
                [
                    .. failing.Select(c => $"condition {c.Type}=False ({c.Reason}): {c.Message}"),
                    .. context.EventsFor(self).Where(e => e.IsWarning).Take(2).Select(e => "event: " + Trim(e.Describe(context.Now))),
                ],
                Fix = missingRequests
                    ? $"give every container of {target.Name} a CPU request: kubectl -n {ns} set resources {target.Kind.ToLowerInvariant()}/{target.Name} --requests=cpu=100m (pick the real value)"
                    : first.Reason is "FailedGetResourceMetric" or "FailedGetExternalMetric" or "FailedGetPodsMetric"
                        ? "check that the metrics API is served (kubectl get apiservice v1beta1.metrics.k8s.io; kubectl top pods)"
                        : $"kubectl -n {ns} describe hpa {hpa.Metadata.Name}",
                Related = [targetRef],
            };
        }
    }
}
