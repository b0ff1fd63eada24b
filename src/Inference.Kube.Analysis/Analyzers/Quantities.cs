using System.Globalization;
using k8s.Models;

namespace Inference.Kube.Analysis.Analyzers;

/// <summary>Resource quantities: requests of pods, free capacity of nodes.</summary>
public static class Quantities
{
    public static decimal Value(IDictionary<string, ResourceQuantity>? map, string resource) =>
        map is not null && map.TryGetValue(resource, out var q) && q is not null ? q.ToDecimal() : 0m;

    /// <summary>What a pod asks for: the sum over containers (requests, else limits), or the largest init container.</summary>
    public static decimal Requested(V1Pod pod, string resource)
    {
        // An unset request defaults to the limit, as the API server defaults it.
        static decimal Of(V1Container c, string r) =>
            c.Resources?.Requests?.ContainsKey(r) == true ? Value(c.Resources.Requests, r) : Value(c.Resources?.Limits, r);

        var main = (pod.Spec?.Containers ?? []).Sum(c => Of(c, resource));
        var init = (pod.Spec?.InitContainers ?? []).Select(c => Of(c, resource)).DefaultIfEmpty(0).Max();
        return Math.Max(main, init);
    }

    /// <summary>Allocatable minus what the node's non-terminated pods request.</summary>
    public static decimal Free(AnalysisContext context, V1Node node, string resource)
    {
        var allocatable = Value(node.Status?.Allocatable, resource);
        var used = context.PodsByNode[node.Metadata.Name]
            .Where(p => p.Status?.Phase is not ("Succeeded" or "Failed"))
            .Sum(p => Requested(p, resource));
        return allocatable - used;
    }

    public static string Format(decimal value, string resource)
    {
        if (resource == "memory")
        {
            return value >= 1024m * 1024 * 1024 && value % (1024m * 1024 * 1024) == 0
                ? (value / (1024m * 1024 * 1024)).ToString("0.##", CultureInfo.InvariantCulture) + "Gi"
                : (value / (1024m * 1024)).ToString("0.##", CultureInfo.InvariantCulture) + "Mi";
        }

        return resource == "cpu" && value < 1
            ? (value * 1000).ToString("0", CultureInfo.InvariantCulture) + "m"
            : value.ToString("0.###", CultureInfo.InvariantCulture);
    }
}
