using k8s.Models;
using Inference.Kube.Analysis.Findings;
using static Inference.Kube.Analysis.Analyzers.ContainerStateAnalyzer;

namespace Inference.Kube.Analysis.Analyzers;

/// <summary>
/// Nodes: NotReady, pressure conditions, cordoned (each naming the pods on the node), and GPU nodes whose device
/// plugin is missing (labelled as GPU nodes, but no <c>nvidia.com/gpu</c> allocatable).
/// </summary>
public sealed class NodeAnalyzer : SyncAnalyzer
{
    private static readonly string[] GpuLabels =
    [
        "nvidia.com/gpu.present", "nvidia.com/gpu.count", "nvidia.com/gpu.product", "nvidia.com/gpu",
        "cloud.google.com/gke-accelerator", "k8s.amazonaws.com/accelerator", "accelerator",
    ];

    private static readonly string[] Pressures = ["MemoryPressure", "DiskPressure", "PIDPressure", "NetworkUnavailable"];

    public override IReadOnlyCollection<string> Kinds { get; } = ["Node"];

    /// <summary>A node labelled as carrying NVIDIA GPUs (by the GPU operator's feature discovery or the cloud's node labels).</summary>
    public static bool LooksLikeGpuNode(V1Node node) =>
        node.Metadata.Labels is { } labels && GpuLabels.Any(l => labels.TryGetValue(l, out var v) && v is not ("false" or "0" or ""));

    protected override IEnumerable<Finding> Analyze(AnalysisContext context)
    {
        foreach (var node in context.Snapshot.Nodes)
        {
            var name = node.Metadata.Name;
            var nodeRef = new ObjectRef("Node", null, name);
            var pods = context.PodsByNode[name].Where(p => p.Status?.Phase is not ("Succeeded" or "Failed")).ToList();
            var podList = pods.Count == 0 ? "no pods" : $"{pods.Count} pods: " + string.Join(", ", pods.Take(12).Select(p => $"{p.Metadata.NamespaceProperty}/{p.Metadata.Name}")) + (pods.Count > 12 ? ", …" : "");
            var related = pods.Select(AnalysisContext.Ref).ToList();
            var ready = node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
            if (ready?.Status != "True")
            {
                var since = ready?.LastTransitionTime is { } t ? $" for {Events.Age.Format(context.Now - EventTime(t))}" : "";
                var taints = node.Spec?.Taints?.Select(x => $"{x.Key}:{x.Effect}").ToList() ?? [];
                yield return new Finding
                {
                    Object = nodeRef,
                    Context = context.Context,
                    Rule = "node-not-ready",
                    Severity = Severity.Critical,
                    Message = $"node {name} is NotReady{since} (Ready={ready?.Status ?? "missing"}, {ready?.Reason}): {Trim(ready?.Message ?? "", 160)}",
                    Evidence =
                    [
                        $"condition Ready={ready?.Status} ({ready?.Reason}): {ready?.Message}",
                        $"taints: {(taints.Count == 0 ? "none" : string.Join(", ", taints))}",
                        $"on it: {podList}",
                        .. context.EventsFor(nodeRef).Where(e => e.Reason is "NodeNotReady" or "NodeNotSchedulable").Take(2).Select(e => "event: " + e.Describe(context.Now)),
                    ],
                    Fix = $"check the node's kubelet and VM (kubectl describe node {name}; the cloud console); if it does not come back: kubectl drain {name} --ignore-daemonsets --delete-emptydir-data and replace it",
                    Related = related,
                };
            }

            foreach (var pressure in node.Status?.Conditions?.Where(c => Pressures.Contains(c.Type) && c.Status == "True") ?? [])
            {
                yield return new Finding
                {
                    Object = nodeRef,
                    Context = context.Context,
                    Rule = "node-pressure",
                    Severity = Severity.Warning,
                    Message = $"node {name} reports {pressure.Type} ({pressure.Reason}): {Trim(pressure.Message ?? "", 160)}",
                    Evidence = [$"condition {pressure.Type}=True since {Ago(context, pressure.LastTransitionTime)}", $"on it: {podList}"],
                    Fix = pressure.Type == "DiskPressure"
                        ? $"free disk on {name} (images, logs, emptyDir) or grow its disk"
                        : $"move load off {name} (kubectl drain {name} --ignore-daemonsets) or give it more capacity",
                    Related = related,
                };
            }

            if (node.Spec?.Unschedulable == true)
            {
                yield return new Finding
                {
                    Object = nodeRef,
                    Context = context.Context,
                    Rule = "node-cordoned",
                    Severity = Severity.Warning,
                    Message = $"node {name} is cordoned (spec.unschedulable): no new pods land there",
                    Evidence = [$"spec.unschedulable: true", $"on it: {podList}"],
                    Fix = $"kubectl uncordon {name} when its maintenance is over",
                    Related = related,
                };
            }

            if (LooksLikeGpuNode(node) && Quantities.Value(node.Status?.Allocatable, SchedulingAnalyzer.Gpu) == 0)
            {
                yield return MissingDevicePlugin(context, node, nodeRef);
            }
        }
    }

    private static Finding MissingDevicePlugin(AnalysisContext context, V1Node node, ObjectRef nodeRef)
    {
        var name = node.Metadata.Name;
        var labels = node.Metadata.Labels.Where(kv => GpuLabels.Contains(kv.Key)).Select(kv => $"{kv.Key}={kv.Value}");
        var plugin = context.PodsByNode[name].FirstOrDefault(p => p.Metadata.Name.Contains("device-plugin", StringComparison.OrdinalIgnoreCase)
                                                                  || context.OwnerChain(p.Metadata).Any(o => o.Name.Contains("device-plugin", StringComparison.OrdinalIgnoreCase)));
        var evidence = new List<string>
        {
            $"labels: {string.Join(", ", labels)}",
            $"status.allocatable has no {SchedulingAnalyzer.Gpu} (capacity: {Quantities.Format(Quantities.Value(node.Status?.Capacity, SchedulingAnalyzer.Gpu), SchedulingAnalyzer.Gpu)})",
        };
        var related = new List<ObjectRef>();
        string fix;
        if (plugin is null)
        {
            evidence.Add("no NVIDIA device plugin pod runs on this node");
            fix = "install the NVIDIA device plugin (or the GPU operator) so that it runs on this node (check its DaemonSet's nodeSelector and tolerations)";
        }
        else
        {
            var cs = plugin.Status?.ContainerStatuses?.FirstOrDefault();
            var state = cs?.State?.Waiting?.Reason ?? (cs?.State?.Running is not null ? "Running" : plugin.Status?.Phase);
            evidence.Add($"device plugin pod {plugin.Metadata.NamespaceProperty}/{plugin.Metadata.Name} on this node: {state}, {cs?.RestartCount ?? 0} restarts");
            related.Add(AnalysisContext.Ref(plugin));
            related.AddRange(context.OwnerChain(plugin.Metadata));
            fix = $"fix the device plugin on this node (kubectl -n {plugin.Metadata.NamespaceProperty} logs {plugin.Metadata.Name} --previous): usually the NVIDIA driver or container toolkit is missing from the node image";
        }

        return new Finding
        {
            Object = nodeRef,
            Context = context.Context,
            Rule = "gpu-device-plugin",
            Severity = Severity.Critical,
            Message = $"GPU node {name} advertises no {SchedulingAnalyzer.Gpu}: its NVIDIA device plugin is not serving",
            Evidence = evidence,
            Fix = fix,
            Related = related,
        };
    }
}
