using Inference.Kube.Analysis.Findings;

namespace Inference.Kube.Analysis.Analyzers;

/// <summary>Workloads whose pods sit on a NotReady node (and so are no longer Ready): named per workload with the node.</summary>
public sealed class UnreadyNodePodAnalyzer : SyncAnalyzer
{
    public override IReadOnlyCollection<string> Kinds { get; } = ["Pod", "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet"];

    protected override IEnumerable<Finding> Analyze(AnalysisContext context)
    {
        var issues = new List<PodIssue>();
        foreach (var pod in context.Snapshot.Pods)
        {
            if (pod.Status?.Phase is "Succeeded" or "Failed" || pod.Spec?.NodeName is not { } nodeName
                || !context.NodesByName.TryGetValue(nodeName, out var node) || AnalysisContext.IsReady(node))
            {
                continue;
            }

            // A DaemonSet's pod lives and dies with its node: the node finding covers it.
            if (context.OwnerChain(pod.Metadata) is [{ Kind: "DaemonSet" }, ..])
            {
                continue;
            }

            var ready = node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
            var ns = pod.Metadata.NamespaceProperty;
            issues.Add(new PodIssue(pod, "on-unready-node", Severity.Critical, null,
                $"pod {pod.Metadata.Name} is on node {nodeName}, which is NotReady ({ready?.Reason ?? "no Ready condition"}); the pod is {(AnalysisContext.IsReady(pod) ? "still reported Ready" : "not Ready")}",
                [
                    $"node {nodeName}: Ready={ready?.Status ?? "missing"} ({ready?.Reason}): {ready?.Message}",
                    $"pod {pod.Metadata.Name}: phase {pod.Status?.Phase}, Ready={(AnalysisContext.IsReady(pod) ? "True" : "False")}",
                ],
                $"the pod is evicted after its not-ready/unreachable toleration (300s by default); to move it now: kubectl -n {ns} delete pod {pod.Metadata.Name}; then look at the node (kubectl describe node {nodeName})",
                [new ObjectRef("Node", null, nodeName)]));
        }

        return WorkloadGrouping.Group(context, issues);
    }
}
