using k8s.Models;
using Inference.Kube.Analysis.Findings;
using static Inference.Kube.Analysis.Analyzers.ContainerStateAnalyzer;

namespace Inference.Kube.Analysis.Analyzers;

/// <summary>
/// CronJobs that never fire (an impossible date) or are suspended, and failed Jobs. A CronJob's failed Job counts
/// only when it is the CronJob's latest: a failure followed by a success is history.
/// </summary>
public sealed class JobAnalyzer : SyncAnalyzer
{
    public override IReadOnlyCollection<string> Kinds { get; } = ["CronJob", "Job"];

    protected override IEnumerable<Finding> Analyze(AnalysisContext context)
    {
        foreach (var cron in context.Snapshot.CronJobs)
        {
            var finding = CronFinding(context, cron);
            if (finding is not null)
            {
                yield return finding;
            }
        }

        var latestPerCron = context.Snapshot.Jobs
            .GroupBy(j => context.OwnerChain(j.Metadata).FirstOrDefault(o => o.Kind == "CronJob"))
            .Where(g => g.Key is not null)
            .ToDictionary(g => g.Key!, g => g.MaxBy(j => j.Metadata.CreationTimestamp ?? DateTime.MinValue)!);
        foreach (var job in context.Snapshot.Jobs)
        {
            var failed = job.Status?.Conditions?.FirstOrDefault(c => c.Type == "Failed" && c.Status == "True");
            var cron = context.OwnerChain(job.Metadata).FirstOrDefault(o => o.Kind == "CronJob");
            if (failed is null || (cron is not null && latestPerCron[cron] != job))
            {
                continue;
            }

            yield return FailedJob(context, job, failed, cron);
        }
    }

    private static Finding? CronFinding(AnalysisContext context, V1CronJob cron)
    {
        var ns = cron.Metadata.NamespaceProperty;
        var name = cron.Metadata.Name;
        var last = cron.Status?.LastScheduleTime is { } t ? $"last scheduled {Ago(context, t)}" : "never scheduled";
        if (CronSchedule.NeverFires(cron.Spec.Schedule) is { } why)
        {
            return new Finding
            {
                Object = AnalysisContext.Ref("CronJob", cron.Metadata),
                Context = context.Context,
                Rule = "cronjob-never-fires",
                Severity = Severity.Warning,
                Message = $"CronJob {name} never fires: schedule '{cron.Spec.Schedule}' names a date that does not exist ({why}); {last}",
                Evidence = [$"spec.schedule: {cron.Spec.Schedule}", $"status.lastScheduleTime: {last}", $"spec.suspend: {cron.Spec.Suspend?.ToString() ?? "false"}"],
                Fix = $"restore a real schedule: kubectl -n {ns} patch cronjob {name} -p '{{\"spec\":{{\"schedule\":\"0 2 * * *\"}}}}' (to pause it, use spec.suspend: true instead)",
            };
        }

        return cron.Spec.Suspend == true
            ? new Finding
            {
                Object = AnalysisContext.Ref("CronJob", cron.Metadata),
                Context = context.Context,
                Rule = "cronjob-suspended",
                Severity = Severity.Info,
                Message = $"CronJob {name} is suspended (spec.suspend: true); {last}",
                Evidence = [$"spec.suspend: true", $"spec.schedule: {cron.Spec.Schedule}"],
                Fix = $"kubectl -n {ns} patch cronjob {name} -p '{{\"spec\":{{\"suspend\":false}}}}' when it should run again",
            }
            : null;
    }

    private static Finding FailedJob(AnalysisContext context, V1Job job, V1JobCondition failed, ObjectRef? cron)
    {
        var ns = job.Metadata.NamespaceProperty;
        var self = AnalysisContext.Ref("Job", job.Metadata);
        var evidence = new List<string> { $"condition Failed=True ({failed.Reason}): {failed.Message}", $"status: {job.Status?.Failed ?? 0} failed, {job.Status?.Succeeded ?? 0} succeeded" };
        var pods = context.Snapshot.Pods.Where(p => p.Metadata.NamespaceProperty == ns && context.OwnerChain(p.Metadata) is [var owner, ..] && owner == self).ToList();
        foreach (var pod in pods.Take(2))
        {
            var term = pod.Status?.ContainerStatuses?.Select(c => c.State?.Terminated ?? c.LastState?.Terminated).FirstOrDefault(x => x is not null);
            if (term is not null)
            {
                evidence.Add($"pod {pod.Metadata.Name}: terminated {term.Reason}, exit code {term.ExitCode}");
            }
        }

        return new Finding
        {
            Object = cron ?? self,
            Context = context.Context,
            Rule = "job-failed",
            Severity = Severity.Warning,
            Message = $"Job {job.Metadata.Name} failed ({failed.Reason}): {Trim(failed.Message ?? "", 160)}",
            Evidence = evidence,
            Fix = pods.Count > 0 ? $"kubectl -n {ns} logs {pods[0].Metadata.Name}; fix the cause, then rerun" + (cron is null ? "" : $": kubectl -n {ns} create job --from=cronjob/{cron.Name} {cron.Name}-manual") : "fix the cause and rerun the Job",
            Related = cron is null ? [.. pods.Select(AnalysisContext.Ref)] : [self, .. pods.Select(AnalysisContext.Ref)],
        };
    }
}
