using Inference.Kube.Analysis.Analyzers;
using Inference.Kube.Analysis.Snapshot;

namespace Inference.Kube.Analysis.Logs;

/// <summary>
/// <c>logs-summary POD | deploy/NAME</c>: the current and previous logs of every container of the pod or of every
/// pod of the workload, mined into templates and rendered within a token budget.
/// </summary>
public static class WorkloadLogSummary
{
    public static async Task<string> SummarizeAsync(
        ClusterSnapshot snapshot, string ns, string target, int tokenBudget, string? container = null,
        Func<string, int>? countTokens = null, Func<string, string>? redact = null, CancellationToken ct = default)
    {
        var context = new AnalysisContext(snapshot);
        var obj = WorkloadTarget.Parse(target, ns);
        var pods = WorkloadTarget.Pods(context, obj);
        redact ??= static s => s;
        if (pods.Count == 0)
        {
            return redact($"No pods found for {obj}.");
        }

        var inputs = new List<LogInput>();
        foreach (var pod in pods)
        {
            foreach (var c in pod.Spec.Containers.Where(c => container is null || c.Name == container))
            {
                var label = $"{pod.Metadata.Name}/{c.Name}";
                foreach (var previous in new[] { true, false })
                {
                    var text = await snapshot.Logs.GetAsync(ns, pod.Metadata.Name, c.Name, previous, ct).ConfigureAwait(false);
                    if (text is not null)
                    {
                        inputs.Add(new LogInput(label, text, previous));
                    }
                }
            }
        }

        if (inputs.Count == 0)
        {
            return redact($"No logs for {obj}: its containers have not started (or the logs are gone).");
        }

        var summary = LogSummarizer.Summarize(inputs, snapshot.Now.Year);
        return LogSummaryRenderer.Render(summary, tokenBudget, countTokens, redact);
    }
}
