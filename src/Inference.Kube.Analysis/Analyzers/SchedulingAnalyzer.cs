using System.Text.RegularExpressions;
using k8s.Models;
using Inference.Kube.Analysis.Findings;
using static Inference.Kube.Analysis.Analyzers.ContainerStateAnalyzer;

namespace Inference.Kube.Analysis.Analyzers;

/// <summary>
/// Pending pods the scheduler cannot place, explained: insufficient CPU, memory or <c>nvidia.com/gpu</c> (the request
/// against the most any node has free, and GPU nodes without a device plugin), untolerated taints, node selectors
/// or affinity matching nothing, unbound PersistentVolumeClaims.
/// </summary>
public sealed partial class SchedulingAnalyzer : SyncAnalyzer
{
    public const string Gpu = "nvidia.com/gpu";

    public override IReadOnlyCollection<string> Kinds { get; } = ["Pod", "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job"];

    protected override IEnumerable<Finding> Analyze(AnalysisContext context) =>
        WorkloadGrouping.Group(context, context.Snapshot.Pods.Select(p => Issue(context, p)).OfType<PodIssue>());

    private static PodIssue? Issue(AnalysisContext context, V1Pod pod)
    {
        var scheduled = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled");
        if (pod.Status?.Phase != "Pending" || scheduled?.Status != "False")
        {
            return null;
        }

        var ns = pod.Metadata.NamespaceProperty;
        var failed = context.EventsFor(AnalysisContext.Ref(pod)).FirstOrDefault(e => e.Reason == "FailedScheduling");
        var message = failed?.Message ?? scheduled.Message ?? "unschedulable";
        var evidence = new List<string>();
        if (failed is not null)
        {
            evidence.Add("event: " + Trim(failed.Describe(context.Now)));
        }
        else
        {
            evidence.Add($"condition PodScheduled=False ({scheduled.Reason}): {Trim(message)}");
        }

        var fixes = new List<string>();
        var related = new List<ObjectRef>();
        foreach (Match m in Insufficient().Matches(message))
        {
            Resources(context, pod, m.Groups[1].Value, evidence, fixes);
        }

        foreach (Match m in Taint().Matches(message))
        {
            Taints(context, pod, m.Groups[1].Value.Trim(), evidence, fixes);
        }

        if (message.Contains("didn't match Pod's node affinity/selector", StringComparison.Ordinal))
        {
            Selector(context, pod, evidence, fixes);
        }

        if (message.Contains("unbound immediate PersistentVolumeClaims", StringComparison.Ordinal)
            || message.Contains("persistentvolumeclaim", StringComparison.OrdinalIgnoreCase))
        {
            Claims(context, pod, evidence, fixes, related);
        }

        var since = scheduled.LastTransitionTime is { } t ? $" for {Events.Age.Format(context.Now - EventTime(t))}" : "";
        return new PodIssue(pod, "unschedulable", Severity.Critical, null,
            $"pod is Pending{since}: {Trim(FirstSentence(message), 220)}",
            [.. evidence.Distinct()],
            fixes.Count > 0 ? string.Join("; ", fixes.Distinct()) : $"kubectl -n {ns} describe pod {pod.Metadata.Name}",
            related);
    }

    private static void Resources(AnalysisContext context, V1Pod pod, string resource, List<string> evidence, List<string> fixes)
    {
        var requested = Quantities.Requested(pod, resource);
        var best = context.Snapshot.Nodes
            .Where(n => AnalysisContext.IsReady(n) && n.Spec?.Unschedulable != true)
            .Select(n => (Node: n, Free: context.Free(n, resource)))
            .OrderByDescending(x => x.Free).FirstOrDefault();
        evidence.Add(best.Node is null
            ? $"requests {Quantities.Format(requested, resource)} {resource}; no Ready node"
            : $"requests {Quantities.Format(requested, resource)} {resource}; the most free on any node is {Quantities.Format(Math.Max(0, best.Free), resource)} ({best.Node.Metadata.Name})");
        if (resource == Gpu)
        {
            foreach (var node in context.Snapshot.Nodes.Where(n => Quantities.Value(n.Status?.Allocatable, Gpu) > 0 || NodeAnalyzer.LooksLikeGpuNode(n)))
            {
                var alloc = Quantities.Value(node.Status?.Allocatable, Gpu);
                evidence.Add(alloc == 0
                    ? $"node {node.Metadata.Name} is labelled as a GPU node but advertises no {Gpu} (device plugin not running?)"
                    : $"node {node.Metadata.Name}: {Gpu} allocatable {Quantities.Format(alloc, Gpu)}, free {Quantities.Format(Math.Max(0, context.Free(node, Gpu)), Gpu)}");
            }

            fixes.Add($"make a node advertise enough {Gpu} (a running NVIDIA device plugin on the GPU nodes), add a node with {Quantities.Format(requested, Gpu)} free GPUs, or request fewer");
        }
        else
        {
            fixes.Add($"lower the pod's {resource} request or add capacity (a bigger node or more nodes)");
        }
    }

    private static void Taints(AnalysisContext context, V1Pod pod, string taintText, List<string> evidence, List<string> fixes)
    {
        var key = taintText.Split(':')[0].Trim();
        if (key.StartsWith("node.kubernetes.io/", StringComparison.Ordinal))
        {
            return; // not-ready/unreachable taints follow a node problem the node finding names.
        }

        foreach (var node in context.Snapshot.Nodes)
        {
            foreach (var taint in node.Spec?.Taints?.Where(t => t.Key == key) ?? [])
            {
                var tolerated = pod.Spec.Tolerations?.Any(t => t.Key == key) == true;
                evidence.Add($"node {node.Metadata.Name} has taint {taint.Key}={taint.Value}:{taint.Effect}; the pod {(tolerated ? "tolerates it with another value or effect" : "has no toleration for it")}");
                fixes.Add($"add to the pod template: tolerations: [{{key: {taint.Key}, operator: Equal, value: {taint.Value}, effect: {taint.Effect}}}] (or remove the taint: kubectl taint node {node.Metadata.Name} {taint.Key}-)");
            }
        }
    }

    private static void Selector(AnalysisContext context, V1Pod pod, List<string> evidence, List<string> fixes)
    {
        if (pod.Spec.NodeSelector is { Count: > 0 } selector)
        {
            var text = string.Join(",", selector.Select(kv => $"{kv.Key}={kv.Value}"));
            var nodes = context.Snapshot.Nodes.Where(n => AnalysisContext.Matches(n.Metadata.Labels, selector)).Select(n => n.Metadata.Name).ToList();
            evidence.Add(nodes.Count == 0 ? $"nodeSelector {text} matches no node" : $"nodeSelector {text} matches only: {string.Join(", ", nodes)}");
            if (nodes.Count == 0)
            {
                fixes.Add($"fix nodeSelector {text} or label a node (kubectl label node NODE {text})");
            }
        }

        if (pod.Spec.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution is not null)
        {
            evidence.Add("the pod has required node affinity (spec.affinity.nodeAffinity)");
        }
    }

    private static void Claims(AnalysisContext context, V1Pod pod, List<string> evidence, List<string> fixes, List<ObjectRef> related)
    {
        var ns = pod.Metadata.NamespaceProperty;
        foreach (var volume in pod.Spec.Volumes ?? [])
        {
            if (volume.PersistentVolumeClaim?.ClaimName is not { } claim)
            {
                continue;
            }

            var pvc = context.Snapshot.PersistentVolumeClaims.FirstOrDefault(p => p.Metadata.NamespaceProperty == ns && p.Metadata.Name == claim);
            if (pvc is null)
            {
                evidence.Add($"PersistentVolumeClaim {ns}/{claim} does not exist");
                fixes.Add($"create PVC {claim} in {ns}");
            }
            else if (pvc.Status?.Phase != "Bound")
            {
                evidence.Add($"PersistentVolumeClaim {ns}/{claim} is {pvc.Status?.Phase ?? "Pending"} (storageClassName: {pvc.Spec?.StorageClassName ?? "none"})");
                fixes.Add($"get PVC {claim} bound (see its finding)");
            }
            else
            {
                continue;
            }

            related.Add(new ObjectRef("PersistentVolumeClaim", ns, claim));
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" preemption:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    [GeneratedRegex(@"Insufficient ([\w./-]*\w)")]
    private static partial Regex Insufficient();

    [GeneratedRegex(@"untolerated taint\(?s?\)? \{([^}]*)\}")]
    private static partial Regex Taint();
}
