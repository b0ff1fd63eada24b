using System.Text;
using Inference.Kube.Access;
using Inference.Kube.Analysis.Analyzers;
using Inference.Kube.Analysis.Findings;
using Inference.Kube.Analysis.Logs;
using Inference.Kube.Analysis.Rendering;
using Inference.Kube.Analysis.Snapshot;
using Inference.Kube.Safety;
using k8s;
using k8s.Autorest;

namespace Inference.Agent.Diagnosis;

/// <summary>
/// The deterministic part of <c>diagnose</c>: the analyzers' findings over a snapshot of one context (one namespace
/// or all), then the log summaries of the workloads the findings name. <c>--no-model</c> prints it as it is; with a
/// model it is the evidence the model explains. Every text passes through the redactor, which first learns the
/// namespace's Secret values (as the cluster tools do), so a value a program logged is masked.
/// </summary>
public sealed record DiagnosisReport(IReadOnlyList<Finding> Findings, string FindingsText, IReadOnlyList<(ObjectRef Workload, string Summary)> Logs)
{
    /// <summary>Workloads whose logs are summarised, at most.</summary>
    public const int MaxLogSummaries = 3;

    private static readonly Dictionary<string, string> TargetPrefix = new(StringComparer.Ordinal)
    {
        ["Deployment"] = "deploy", ["StatefulSet"] = "sts", ["DaemonSet"] = "ds", ["ReplicaSet"] = "rs",
        ["Job"] = "job", ["CronJob"] = "cronjob", ["Pod"] = "pod",
    };

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
        var client = clusters.Client(context);
        await LearnSecretsAsync(client, ns, redactor, ct).ConfigureAwait(false);
        var snapshot = await LiveSnapshotLoader.LoadAsync(client, ns, now, context, ct: ct).ConfigureAwait(false);
        var findings = await new ClusterAnalyzer().AnalyzeAsync(snapshot, new AnalyzeOptions
        {
            Namespaces = ns is null ? null : new HashSet<string>(StringComparer.Ordinal) { ns },
            Redact = redactor.Redact,
        }, ct).ConfigureAwait(false);

        var logs = new List<(ObjectRef, string)>();
        foreach (var workload in findings.Select(f => f.Object)
                     .Where(o => o.Namespace is not null && TargetPrefix.ContainsKey(o.Kind))
                     .Distinct()
                     .Take(MaxLogSummaries))
        {
            var summary = await WorkloadLogSummary.SummarizeAsync(snapshot, workload.Namespace!, $"{TargetPrefix[workload.Kind]}/{workload.Name}",
                logBudgetTokens, redact: redactor.Redact, ct: ct).ConfigureAwait(false);
            logs.Add((workload, summary));
        }

        return new DiagnosisReport(findings, FindingsTextRenderer.Render(findings), logs);
    }

    private static async Task LearnSecretsAsync(IKubernetes client, string? ns, Redactor redactor, CancellationToken ct)
    {
        try
        {
            var secrets = ns is null
                ? await client.CoreV1.ListSecretForAllNamespacesAsync(fieldSelector: "type!=helm.sh/release.v1", cancellationToken: ct).ConfigureAwait(false)
                : await client.CoreV1.ListNamespacedSecretAsync(ns, fieldSelector: "type!=helm.sh/release.v1", cancellationToken: ct).ConfigureAwait(false);
            foreach (var value in secrets.Items.SelectMany(s => s.Data?.Values ?? []))
                redactor.LearnSecretValue(Encoding.UTF8.GetString(value));
        }
        catch (HttpOperationException e) when ((int)e.Response.StatusCode is 401 or 403 or 404)
        {
            // Not allowed to list Secrets: nothing to learn, and the snapshot holds only their names and keys anyway.
        }
    }
}
