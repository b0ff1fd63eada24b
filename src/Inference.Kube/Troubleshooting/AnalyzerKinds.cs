using Inference.Kube.Analysis.Analyzers;
using Inference.Kube.Tools;

namespace Inference.Kube.Troubleshooting;

/// <summary>
/// The kinds a user or a model names for <c>analyze</c> (Pod, pods, po, svc, deploy, ...) mapped to the kinds the
/// analyzers report on; an unknown kind is a readable error listing the known ones.
/// </summary>
public static class AnalyzerKinds
{
    private static readonly Dictionary<string, string> ShortNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["po"] = "Pod", ["deploy"] = "Deployment", ["rs"] = "ReplicaSet", ["sts"] = "StatefulSet", ["ds"] = "DaemonSet",
        ["cj"] = "CronJob", ["svc"] = "Service", ["ing"] = "Ingress", ["pvc"] = "PersistentVolumeClaim", ["no"] = "Node",
        ["hpa"] = "HorizontalPodAutoscaler", ["pdb"] = "PodDisruptionBudget", ["netpol"] = "NetworkPolicy",
    };

    /// <summary>Every kind some analyzer reports on.</summary>
    public static IReadOnlySet<string> Known { get; } = new ClusterAnalyzer().Kinds;

    /// <summary>The kinds named (comma-separated items allowed); null when none is named, meaning all.</summary>
    public static IReadOnlySet<string>? Parse(IEnumerable<string>? names)
    {
        var kinds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in (names ?? []).SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            kinds.Add(Resolve(name) ?? throw new ToolArgumentException(
                $"analyze has no checks for kind \"{name}\". Kinds: {string.Join(", ", Known.Order(StringComparer.Ordinal))}."));
        return kinds.Count == 0 ? null : kinds;
    }

    private static string? Resolve(string name)
    {
        if (ShortNames.TryGetValue(name, out var kind))
            return kind;
        string[] candidates = [name, name.EndsWith('s') ? name[..^1] : name, name.EndsWith("es", StringComparison.OrdinalIgnoreCase) ? name[..^2] : name,
            name.EndsWith("ies", StringComparison.OrdinalIgnoreCase) ? name[..^3] + "y" : name];
        return candidates.Select(c => Known.FirstOrDefault(k => string.Equals(k, c, StringComparison.OrdinalIgnoreCase))).FirstOrDefault(k => k is not null);
    }
}
