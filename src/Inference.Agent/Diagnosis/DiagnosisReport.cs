using System.Text;
using Inference.Kube.Access;
using Inference.Kube.Analysis.Analyzers;
using Inference.Kube.Analysis.Findings;
using Inference.Kube.Analysis.Logs;
using Inference.Kube.Analysis.Rendering;
using Inference.Kube.Analysis.Snapshot;
using Inference.Kube.Safety;
using Inference.Kube.Troubleshooting;

namespace Inference.Agent.Diagnosis;

/// <summary>
/// The deterministic part of <c>diagnose</c>: the analyzers' findings over a snapshot of one context (one namespace
/// or all), then the log summaries of the workloads the findings name. <c>--no-model</c> prints it as it is; with a
/// model it is the evidence the model explains. Every text passes through the redactor, which first learns the
/// namespace's Secret values (<see cref="TroubleshootingSnapshot"/>, as the cluster tools do), so a value a program
/// logged is masked.
/// </summary>
public sealed record DiagnosisReport(IReadOnlyList<Finding> Findings, string FindingsText, IReadOnlyList<(ObjectRef Workload, string Summary)> Logs)
{
    /// <summary>Workloads whose logs are summarised, at most.</summary>
    public const int MaxLogSummaries = 3;

    public string Render()
    {
        var text = new StringBuilder(FindingsText);
        foreach (var (workload, summary) in Logs)
            text.Append("\n\nLogs of ").Append(workload).Append(":\n").Append(summary);
        return text.ToString();
    }

    public static async Task<DiagnosisReport> BuildAsync(
        KubeContexts clusters, string context, string? ns, Redactor redactor, DateTimeOffset now, int logBudgetTokens, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        ArgumentNullException.ThrowIfNull(redactor);
        var snapshot = await TroubleshootingSnapshot.LoadAsync(clusters, context, ns, redactor, now, ct: ct).ConfigureAwait(false);
        var findings = await new ClusterAnalyzer().AnalyzeAsync(snapshot, new AnalyzeOptions
        {
            Namespaces = ns is null ? null : new HashSet<string>(StringComparer.Ordinal) { ns },
            Redact = redactor.Redact,
        }, ct).ConfigureAwait(false);

        var logs = new List<(ObjectRef, string)>();
        foreach (var workload in findings.Select(f => f.Object)
                     .Where(o => o.Namespace is not null && WorkloadTarget.IsTargetKind(o.Kind))
                     .Distinct()
                     .Take(MaxLogSummaries))
        {
            var summary = await WorkloadLogSummary.SummarizeAsync(snapshot, workload.Namespace!, $"{workload.Kind}/{workload.Name}",
                logBudgetTokens, redact: redactor.Redact, ct: ct).ConfigureAwait(false);
            logs.Add((workload, summary));
        }

        return new DiagnosisReport(findings, FindingsTextRenderer.Render(findings), logs);
    }
}
