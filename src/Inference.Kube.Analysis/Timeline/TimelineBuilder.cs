using System.Globalization;
using System.Text;
using k8s.Models;
using Inference.Kube.Analysis.Analyzers;
using Inference.Kube.Analysis.Findings;
using Inference.Kube.Analysis.Logs;
using Inference.Kube.Analysis.Snapshot;
using static Inference.Kube.Analysis.Analyzers.ContainerStateAnalyzer;

namespace Inference.Kube.Analysis.Timeline;

/// <summary>
/// <c>timeline deploy/NAME</c>: in time order, the workload's ReplicaSets (rollouts), its pods' creation, scheduling,
/// readiness, container starts and terminations (reason, exit code), Warning events (merged), and the first error
/// template of each container's log.
/// </summary>
public static class TimelineBuilder
{
    public static async Task<IReadOnlyList<TimelineEntry>> BuildAsync(ClusterSnapshot snapshot, string ns, string target, CancellationToken ct = default)
    {
        var context = new AnalysisContext(snapshot);
        var obj = WorkloadTarget.Parse(target, ns);
        var entries = new List<TimelineEntry>();
        var objects = new HashSet<ObjectRef> { obj };

        foreach (var d in snapshot.Deployments.Where(d => AnalysisContext.Ref("Deployment", d.Metadata) == obj))
        {
            Add(entries, d.Metadata.CreationTimestamp, obj, "Deployment created");
            foreach (var c in d.Status?.Conditions ?? [])
            {
                if (c.Status != "True")
                {
                    Add(entries, c.LastTransitionTime, obj, $"condition {c.Type}={c.Status} ({c.Reason}): {c.Message}", warning: true);
                }
            }
        }

        foreach (var rs in snapshot.ReplicaSets.Where(rs => rs.Metadata.NamespaceProperty == ns && context.OwnerChain(rs.Metadata).Contains(obj)))
        {
            var self = AnalysisContext.Ref("ReplicaSet", rs.Metadata);
            objects.Add(self);
            var images = string.Join(", ", rs.Spec?.Template?.Spec?.Containers?.Select(c => c.Image) ?? []);
            Add(entries, rs.Metadata.CreationTimestamp, self,
                $"ReplicaSet created (revision {RolloutAnalyzer.Revision(rs.Metadata.Annotations)}, {images}); now {rs.Status?.ReadyReplicas ?? 0}/{rs.Status?.Replicas ?? 0} ready");
        }

        foreach (var pod in WorkloadTarget.Pods(context, obj))
        {
            var self = AnalysisContext.Ref(pod);
            objects.Add(self);
            Add(entries, pod.Metadata.CreationTimestamp, self, $"pod created (now {pod.Status?.Phase})");
            foreach (var c in pod.Status?.Conditions ?? [])
            {
                if (c.Type is "PodScheduled" or "Ready")
                {
                    var detail = string.IsNullOrEmpty(c.Reason) ? "" : $" ({c.Reason})";
                    Add(entries, c.LastTransitionTime, self, $"{c.Type}={c.Status}{detail}" + (pod.Spec?.NodeName is { } n && c.Type == "PodScheduled" && c.Status == "True" ? $" on {n}" : ""), warning: c.Status != "True");
                }
            }

            foreach (var cs in (pod.Status?.InitContainerStatuses ?? []).Concat(pod.Status?.ContainerStatuses ?? []))
            {
                Container(entries, self, cs);
                await FirstErrorAsync(entries, snapshot, pod, self, cs.Name, ct).ConfigureAwait(false);
            }
        }

        foreach (var e in context.Events.Where(e => e.IsWarning && objects.Contains(e.InvolvedObject)))
        {
            var times = e.Count > 1 ? $" ×{e.Count}, last {e.LastSeen?.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}" : "";
            entries.Add(new TimelineEntry(e.FirstSeen ?? e.LastSeen ?? snapshot.Now, e.InvolvedObject, $"Warning {e.Reason}{times}: {e.Message}", true));
        }

        foreach (var e in context.Events.Where(e => !e.IsWarning && e.Reason == "ScalingReplicaSet" && objects.Contains(e.InvolvedObject)))
        {
            entries.Add(new TimelineEntry(e.FirstSeen ?? e.LastSeen ?? snapshot.Now, e.InvolvedObject, e.Message));
        }

        return [.. entries.OrderBy(e => e.Time).ThenBy(e => e.Object.ToString(), StringComparer.Ordinal)];
    }

    public static string Render(IReadOnlyList<TimelineEntry> entries, Func<string, string>? redact = null)
    {
        redact ??= static s => s;
        if (entries.Count == 0)
        {
            return "Nothing found for this workload.";
        }

        var text = new StringBuilder();
        foreach (var e in entries)
        {
            text.Append(e.Time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))
                .Append(e.IsWarning ? " ! " : "   ").Append(e.Object.Kind).Append('/').Append(e.Object.Name).Append(": ")
                .Append(redact(Trim(e.Text, 300))).Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }

    private static void Container(List<TimelineEntry> entries, ObjectRef pod, V1ContainerStatus cs)
    {
        var last = cs.LastState?.Terminated;
        if (last is not null)
        {
            Add(entries, last.StartedAt, pod, $"container {cs.Name} started (previous instance)");
            Add(entries, last.FinishedAt, pod, $"container {cs.Name} terminated: {last.Reason}, exit code {last.ExitCode}" + (cs.RestartCount > 0 ? $" (restart {cs.RestartCount})" : ""), warning: last.ExitCode != 0);
        }

        if (cs.State?.Running?.StartedAt is { } started)
        {
            Add(entries, started, pod, $"container {cs.Name} running" + (cs.Ready ? ", Ready" : ", not Ready"));
        }

        if (cs.State?.Terminated is { } term)
        {
            Add(entries, term.FinishedAt, pod, $"container {cs.Name} terminated: {term.Reason}, exit code {term.ExitCode}", warning: term.ExitCode != 0);
        }
    }

    private static async Task FirstErrorAsync(List<TimelineEntry> entries, ClusterSnapshot snapshot, V1Pod pod, ObjectRef self, string container, CancellationToken ct)
    {
        foreach (var previous in new[] { true, false })
        {
            var log = await snapshot.Logs.GetAsync(pod.Metadata.NamespaceProperty, pod.Metadata.Name, container, previous, ct).ConfigureAwait(false);
            var line = log?.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => LogSeverity.Of(l) >= 2);
            if (line is null)
            {
                continue;
            }

            var time = LogTimestamps.Parse(line, snapshot.Now.Year);
            if (time is not null)
            {
                entries.Add(new TimelineEntry(time.Value, self, $"container {container} first error{(previous ? " (previous instance)" : "")}: {line}", true));
                return;
            }
        }
    }

    private static void Add(List<TimelineEntry> entries, DateTime? time, ObjectRef obj, string text, bool warning = false)
    {
        if (time is { } t)
        {
            entries.Add(new TimelineEntry(EventTime(t), obj, text, warning));
        }
    }
}
