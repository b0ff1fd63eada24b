using k8s.Models;
using Inference.Kube.Analysis.Findings;

namespace Inference.Kube.Analysis.Analyzers;

/// <summary>A problem seen on one pod, before pods of one workload are folded into one finding.</summary>
public sealed record PodIssue(
    V1Pod Pod,
    string Rule,
    Severity Severity,
    string? Container,
    string Message,
    IReadOnlyList<string> Evidence,
    string Fix,
    IReadOnlyList<ObjectRef>? Related = null);

/// <summary>Folds pod issues into one finding per workload, root cause and container.</summary>
public static class WorkloadGrouping
{
    // Pods named in a message, and evidence lines about other pods, before the rest are counted instead.
    private const int MaxNamedPods = 5;
    private const int MaxOtherPodLines = 5;

    public static IEnumerable<Finding> Group(AnalysisContext context, IEnumerable<PodIssue> issues)
    {
        foreach (var group in issues.GroupBy(i => (Workload: context.Workload("Pod", i.Pod.Metadata), i.Rule, i.Container)))
        {
            // The pod with the most evidence (the one whose log was read) speaks for the group.
            var list = group.OrderByDescending(i => i.Evidence.Count).ThenBy(i => i.Pod.Metadata.Name, StringComparer.Ordinal).ToList();
            var first = list[0];
            var pods = list.Select(i => i.Pod.Metadata.Name).Order(StringComparer.Ordinal).ToList();
            var workload = group.Key.Workload;
            var isPod = workload.Kind == "Pod";
            var suffix = isPod ? "" : pods.Count == 1 ? $" (pod {pods[0]})" : $" ({pods.Count} pods: {Names(pods)})";
            var evidence = new List<string>(first.Evidence);
            // The other pods' first evidence line, pods that say the same thing on one line, so a workload of many
            // replicas stays a short finding (the pods are all in Related).
            var others = list.Skip(1).Where(i => i.Evidence.Count > 0)
                .GroupBy(i => i.Evidence[0], StringComparer.Ordinal).ToList();
            foreach (var same in others.Take(MaxOtherPodLines))
            {
                var names = same.Select(i => i.Pod.Metadata.Name).Order(StringComparer.Ordinal).ToList();
                evidence.Add(names.Count == 1 ? $"pod {names[0]}: {same.Key}" : $"{names.Count} more pods ({Names(names)}): {same.Key}");
            }

            if (others.Count > MaxOtherPodLines)
            {
                evidence.Add($"{others.Skip(MaxOtherPodLines).Sum(g => g.Count())} more pods in other states");
            }

            var chain = context.OwnerChain(first.Pod.Metadata);
            var related = new List<ObjectRef>();
            if (!isPod)
            {
                related.AddRange(list.Select(i => AnalysisContext.Ref(i.Pod)));
                related.AddRange(chain.Take(chain.Count - 1));
            }

            related.AddRange(list.SelectMany(i => i.Related ?? []).Distinct());
            yield return new Finding
            {
                Object = workload,
                Context = context.Context,
                Rule = first.Rule,
                Severity = list.Min(i => i.Severity),
                Message = first.Message + suffix,
                Evidence = [.. evidence.Distinct()],
                Fix = first.Fix,
                Related = [.. related.Distinct()],
            };
        }
    }

    private static string Names(IReadOnlyList<string> names) =>
        names.Count <= MaxNamedPods
            ? string.Join(", ", names)
            : string.Join(", ", names.Take(MaxNamedPods)) + $", … {names.Count - MaxNamedPods} more";

    /// <summary>"deployment/checkout" for kubectl commands.</summary>
    public static string KubectlName(ObjectRef o) => $"{o.Kind.ToLowerInvariant()}/{o.Name}";
}
