using k8s.Models;
using Inference.Kube.Analysis.Analyzers;
using Inference.Kube.Analysis.Findings;

namespace Inference.Kube.Analysis.Snapshot;

/// <summary>
/// A workload or pod named the kubectl way (<c>deploy/NAME</c>, <c>sts/NAME</c>, <c>ds/NAME</c>, <c>job/NAME</c>,
/// <c>cronjob/NAME</c>, <c>rs/NAME</c>, <c>pod/NAME</c> or a bare pod name) and resolved to its pods in a snapshot.
/// </summary>
public static class WorkloadTarget
{
    private static readonly Dictionary<string, string> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["deploy"] = "Deployment", ["deployment"] = "Deployment", ["deployments"] = "Deployment",
        ["sts"] = "StatefulSet", ["statefulset"] = "StatefulSet", ["ds"] = "DaemonSet", ["daemonset"] = "DaemonSet",
        ["rs"] = "ReplicaSet", ["replicaset"] = "ReplicaSet", ["job"] = "Job", ["cj"] = "CronJob", ["cronjob"] = "CronJob",
        ["po"] = "Pod", ["pod"] = "Pod", ["pods"] = "Pod",
    };

    /// <summary>Whether <see cref="Parse"/> takes this kind (a kind such as "Deployment", or a short name).</summary>
    public static bool IsTargetKind(string kind) => Kinds.ContainsKey(kind);

    /// <summary>The object named; throws <see cref="ArgumentException"/> with a readable message for an unknown kind.</summary>
    public static ObjectRef Parse(string target, string ns)
    {
        var slash = target.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return new ObjectRef("Pod", ns, target);
        }

        var kind = target[..slash];
        return Kinds.TryGetValue(kind, out var k)
            ? new ObjectRef(k, ns, target[(slash + 1)..])
            : throw new ArgumentException($"Unknown kind '{kind}' in '{target}'; use deploy/, sts/, ds/, rs/, job/, cronjob/ or pod/.", nameof(target));
    }

    /// <summary>The pods of the object (itself for a pod), oldest first.</summary>
    public static IReadOnlyList<V1Pod> Pods(AnalysisContext context, ObjectRef target) =>
        [.. context.Snapshot.Pods
            .Where(p => p.Metadata.NamespaceProperty == target.Namespace
                        && (target.Kind == "Pod" ? p.Metadata.Name == target.Name : context.OwnerChain(p.Metadata).Contains(target)))
            .OrderBy(p => p.Metadata.CreationTimestamp)];
}
