using System.Globalization;
using k8s.Models;
using Inference.Kube.Analysis.Findings;
using Inference.Kube.Analysis.Logs;

namespace Inference.Kube.Analysis.Analyzers;

/// <summary>
/// Containers that cannot run: CrashLoopBackOff (last termination and the cause line of the previous log),
/// OOMKilled (with the memory limit), image pull failures (not found told from unauthorized by the event),
/// CreateContainerConfigError (the missing Secret, ConfigMap or key). One finding per workload and cause.
/// </summary>
public sealed class ContainerStateAnalyzer : IAnalyzer
{
    /// <summary>An OOM kill this recent is reported even when the container runs again.</summary>
    public static readonly TimeSpan RecentOomWindow = TimeSpan.FromHours(1);

    public IReadOnlyCollection<string> Kinds { get; } = ["Pod", "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job"];

    public async Task<IReadOnlyList<Finding>> AnalyzeAsync(AnalysisContext context, CancellationToken ct)
    {
        var issues = new List<PodIssue>();
        var logged = new HashSet<(ObjectRef, string)>(); // one log read per workload and container, not one per pod
        foreach (var pod in context.Snapshot.Pods)
        {
            if (pod.Status?.Phase is "Succeeded" or "Failed")
            {
                continue;
            }

            var specs = (pod.Spec?.InitContainers ?? []).Concat(pod.Spec?.Containers ?? []).ToDictionary(c => c.Name, StringComparer.Ordinal);
            foreach (var cs in (pod.Status?.InitContainerStatuses ?? []).Concat(pod.Status?.ContainerStatuses ?? []))
            {
                specs.TryGetValue(cs.Name, out var spec);
                var issue = await IssueAsync(context, pod, cs, spec, logged, ct).ConfigureAwait(false);
                if (issue is not null)
                {
                    issues.Add(issue);
                }
            }
        }

        return [.. WorkloadGrouping.Group(context, issues)];
    }

    private static async Task<PodIssue?> IssueAsync(AnalysisContext context, V1Pod pod, V1ContainerStatus cs, V1Container? spec, HashSet<(ObjectRef, string)> logged, CancellationToken ct)
    {
        var waiting = cs.State?.Waiting;
        var last = cs.LastState?.Terminated;
        switch (waiting?.Reason)
        {
            case "CrashLoopBackOff" when last?.Reason == "OOMKilled":
                return OomKilled(context, pod, cs, spec, last);
            case "CrashLoopBackOff":
                var readLog = logged.Add((context.Workload("Pod", pod.Metadata), cs.Name));
                return await CrashLoopAsync(context, pod, cs, last, readLog, ct).ConfigureAwait(false);
            case "ImagePullBackOff" or "ErrImagePull" or "InvalidImageName" or "ErrImageNeverPull":
                return ImagePull(context, pod, cs, waiting);
            case "CreateContainerConfigError" or "CreateContainerError" or "RunContainerError":
                return ConfigError(context, pod, cs, spec, waiting);
            default:
                break;
        }

        return waiting is null && last?.Reason == "OOMKilled" && last.FinishedAt is { } finished
               && context.Now - EventTime(finished) < RecentOomWindow
            ? OomKilled(context, pod, cs, spec, last) with { Severity = Severity.Warning }
            : null;
    }

    private static PodIssue OomKilled(AnalysisContext context, V1Pod pod, V1ContainerStatus cs, V1Container? spec, V1ContainerStateTerminated last)
    {
        var limit = spec?.Resources?.Limits is { } limits && limits.TryGetValue("memory", out var q) ? q : null;
        var limitText = limit is null ? "no memory limit (killed by node memory pressure)" : $"its memory limit {limit}";
        var workload = context.Workload("Pod", pod.Metadata);
        var ns = pod.Metadata.NamespaceProperty;
        var suggested = limit is null ? "1Gi" : Quantities.Format(limit.ToDecimal() * 2, "memory");
        return new PodIssue(pod, "oom-killed", Severity.Critical, cs.Name,
            $"container {cs.Name} is OOMKilled (exit code {last.ExitCode}) at {limitText}",
            [
                $"lastState.terminated: reason OOMKilled, exit code {last.ExitCode}, finished {Ago(context, last.FinishedAt)}",
                $"resources.limits.memory: {limit?.ToString() ?? "none"}; requests.memory: {(spec?.Resources?.Requests is { } req && req.TryGetValue("memory", out var r) ? r.ToString() : "none")}",
                $"state: {cs.State?.Waiting?.Reason ?? "Running"}, {cs.RestartCount} restarts",
            ],
            workload.Kind == "Pod"
                ? $"raise the limit in the pod spec (resources.limits.memory: {suggested}) or make the process use less memory"
                : $"kubectl -n {ns} set resources {WorkloadGrouping.KubectlName(workload)} -c {cs.Name} --limits=memory={suggested} (or make the process use less memory)");
    }

    private static async Task<PodIssue> CrashLoopAsync(AnalysisContext context, V1Pod pod, V1ContainerStatus cs, V1ContainerStateTerminated? last, bool readLog, CancellationToken ct)
    {
        var ns = pod.Metadata.NamespaceProperty;
        var name = pod.Metadata.Name;
        var evidence = new List<string> { $"state.waiting: CrashLoopBackOff, {cs.RestartCount} restarts" };
        if (last is not null)
        {
            var message = string.IsNullOrWhiteSpace(last.Message) ? "" : $", message: {Trim(last.Message)}";
            evidence.Add($"lastState.terminated: reason {last.Reason}, exit code {last.ExitCode}, finished {Ago(context, last.FinishedAt)}{message}");
        }

        var log = !readLog ? null
            : await context.Snapshot.Logs.GetAsync(ns, name, cs.Name, previous: true, ct).ConfigureAwait(false)
              ?? await context.Snapshot.Logs.GetAsync(ns, name, cs.Name, previous: false, ct).ConfigureAwait(false);
        var cause = log is null ? [] : LogSummarizer.CauseLines(log);
        evidence.AddRange(cause.Select(l => "previous log: " + Trim(l)));
        var workload = context.Workload("Pod", pod.Metadata);
        var rollback = workload.Kind == "Deployment" ? $"; or roll back: kubectl -n {ns} rollout undo deployment/{workload.Name}" : "";
        var exit = last is null ? "" : $": exit code {last.ExitCode} ({last.Reason})";
        return new PodIssue(pod, "crash-loop", Severity.Critical, cs.Name,
            $"container {cs.Name} is in CrashLoopBackOff{exit}" + (cause.Count > 0 ? $"; log: {Trim(cause[0], 160)}" : ""),
            evidence,
            $"fix what the log says (kubectl -n {ns} logs {name} -c {cs.Name} --previous){rollback}");
    }

    private static PodIssue ImagePull(AnalysisContext context, V1Pod pod, V1ContainerStatus cs, V1ContainerStateWaiting waiting)
    {
        var ns = pod.Metadata.NamespaceProperty;
        var events = context.EventsFor(AnalysisContext.Ref(pod)).Where(e => e.IsWarning).ToList();
        var pullError = events.FirstOrDefault(e => e.Message.Contains("Failed to pull image", StringComparison.OrdinalIgnoreCase))?.Message
                        ?? waiting.Message ?? "";
        var cause = Classify(pullError);
        var workload = context.Workload("Pod", pod.Metadata);
        var evidence = new List<string> { $"state.waiting: {waiting.Reason}{(string.IsNullOrEmpty(waiting.Message) ? "" : ": " + Trim(waiting.Message))}" };
        evidence.AddRange(events.Take(4).Select(e => "event: " + Trim(e.Describe(context.Now))));
        var registry = cs.Image.Split('/')[0];
        var fix = cause switch
        {
            PullCause.NotFound => workload.Kind == "Deployment"
                ? $"push {cs.Image}, or point to a tag that exists: kubectl -n {ns} set image deployment/{workload.Name} {cs.Name}=<image:existing-tag> (or kubectl -n {ns} rollout undo deployment/{workload.Name})"
                : $"push {cs.Image} or point the pod at a tag that exists",
            PullCause.Unauthorized =>
                $"kubectl -n {ns} create secret docker-registry regcred --docker-server={registry} --docker-username=... --docker-password=...; then add imagePullSecrets [regcred] to the pod spec or: kubectl -n {ns} patch serviceaccount {pod.Spec?.ServiceAccountName ?? "default"} -p '{{\"imagePullSecrets\":[{{\"name\":\"regcred\"}}]}}'",
            _ => $"check the image name and the registry's reachability from the node (kubectl -n {ns} describe pod {pod.Metadata.Name})",
        };
        if (cause == PullCause.Unauthorized)
        {
            var secrets = pod.Spec?.ImagePullSecrets?.Select(s => s.Name).ToList() ?? [];
            evidence.Add(secrets.Count == 0 ? "pod has no imagePullSecrets" : "imagePullSecrets: " + string.Join(", ", secrets));
        }

        // The registry's own words end the runtime's chain of "context: context: cause".
        var last = pullError.LastIndexOf(": ", StringComparison.Ordinal);
        var registrySays = last < 0 ? "" : Trim(pullError[(last + 2)..], 120);
        var what = cause switch
        {
            PullCause.NotFound => "the image or tag was not found in the registry",
            PullCause.Unauthorized => "the registry refused the pull (missing or wrong credentials)",
            _ => "the pull fails",
        } + (registrySays.Length > 0 ? $" (registry: {registrySays})" : "");
        return new PodIssue(pod, "image-pull", Severity.Critical, cs.Name,
            $"container {cs.Name} cannot pull image {cs.Image} ({waiting.Reason}): {what}", evidence, fix);
    }

    private static PodIssue ConfigError(AnalysisContext context, V1Pod pod, V1ContainerStatus cs, V1Container? spec, V1ContainerStateWaiting waiting)
    {
        var ns = pod.Metadata.NamespaceProperty;
        var evidence = new List<string> { $"state.waiting: {waiting.Reason}: {Trim(waiting.Message ?? "")}" };
        var fixes = new List<string>();
        foreach (var problem in MissingReferences(context, ns, spec))
        {
            evidence.Add(problem.Evidence);
            fixes.Add(problem.Fix);
        }

        evidence.AddRange(context.EventsFor(AnalysisContext.Ref(pod)).Where(e => e.IsWarning).Take(2).Select(e => "event: " + Trim(e.Describe(context.Now))));
        return new PodIssue(pod, "container-config", Severity.Critical, cs.Name,
            $"container {cs.Name} cannot start ({waiting.Reason}): {Trim(waiting.Message ?? "see events", 200)}",
            [.. evidence.Distinct()],
            fixes.Count > 0 ? string.Join("; ", fixes.Distinct()) : $"kubectl -n {ns} describe pod {pod.Metadata.Name} and fix the container spec");
    }

    private static IEnumerable<(string Evidence, string Fix)> MissingReferences(AnalysisContext context, string ns, V1Container? spec)
    {
        if (spec is null)
        {
            yield break;
        }

        var secrets = context.Snapshot.Secrets.Where(s => s.Namespace == ns).ToDictionary(s => s.Name, StringComparer.Ordinal);
        var maps = context.Snapshot.ConfigMaps.Where(s => s.Namespace == ns).ToDictionary(s => s.Name, StringComparer.Ordinal);
        foreach (var env in spec.Env ?? [])
        {
            if (env.ValueFrom?.SecretKeyRef is { } s && s.Optional != true)
            {
                var check = Check("Secret", ns, s.Name, s.Key, env.Name, secrets);
                if (check is not null)
                {
                    yield return check.Value;
                }
            }

            if (env.ValueFrom?.ConfigMapKeyRef is { } m && m.Optional != true)
            {
                var check = Check("ConfigMap", ns, m.Name, m.Key, env.Name, maps);
                if (check is not null)
                {
                    yield return check.Value;
                }
            }
        }

        foreach (var from in spec.EnvFrom ?? [])
        {
            if (from.SecretRef is { Optional: not true } sr && !secrets.ContainsKey(sr.Name))
            {
                yield return ($"envFrom Secret {ns}/{sr.Name} does not exist", $"kubectl -n {ns} create secret generic {sr.Name} ...");
            }

            if (from.ConfigMapRef is { Optional: not true } cr && !maps.ContainsKey(cr.Name))
            {
                yield return ($"envFrom ConfigMap {ns}/{cr.Name} does not exist", $"kubectl -n {ns} create configmap {cr.Name} ...");
            }
        }
    }

    private static (string Evidence, string Fix)? Check(string kind, string ns, string name, string key, string env,
        Dictionary<string, Snapshot.NamedKeys> existing)
    {
        var lower = kind.ToLowerInvariant();
        if (!existing.TryGetValue(name, out var obj))
        {
            return ($"env {env}: {kind} {ns}/{name} does not exist",
                $"kubectl -n {ns} create {(kind == "Secret" ? "secret generic" : "configmap")} {name} --from-literal={key}=...");
        }

        if (obj.Keys.Contains(key))
        {
            return null;
        }

        var keys = obj.Keys.Count == 0 ? "none" : string.Join(", ", obj.Keys.Order(StringComparer.Ordinal));
        return ($"env {env}: {kind} {ns}/{name} has no key {key} (its keys: {keys})",
            $"add key {key} to {kind} {ns}/{name} (kubectl -n {ns} edit {lower} {name}), or point the env's {lower}KeyRef at an existing key ({keys})");
    }

    private enum PullCause { Other, NotFound, Unauthorized }

    private static PullCause Classify(string message)
    {
        string[] unauthorized = ["401", "403", "unauthorized", "denied", "authentication required", "forbidden", "no basic auth credentials"];
        string[] notFound = ["not found", "notfound", "manifest unknown", "does not exist", "404"];
        return unauthorized.Any(w => message.Contains(w, StringComparison.OrdinalIgnoreCase)) ? PullCause.Unauthorized
            : notFound.Any(w => message.Contains(w, StringComparison.OrdinalIgnoreCase)) ? PullCause.NotFound
            : PullCause.Other;
    }

    internal static DateTimeOffset EventTime(DateTime t) => Events.EventAggregator.Utc(t)!.Value;

    internal static string Ago(AnalysisContext context, DateTime? t) =>
        t is { } v ? Events.Age.Format(context.Now - EventTime(v)) + " ago" : "at an unknown time";

    internal static string Trim(string text, int max = 300) => Clip(text.ReplaceLineEndings(" ").Trim(), max);

    /// <summary>
    /// The text cut to at most <paramref name="max"/> characters at a space: redaction runs on findings after they
    /// are built, and a Secret value or token cut in half would no longer match it. Cut at a space, it is whole
    /// (and masked) or gone.
    /// </summary>
    internal static string Clip(string text, int max)
    {
        if (text.Length <= max)
            return text;
        var space = text.LastIndexOf(' ', max);
        return (space > 0 ? text[..space] : "") + "…";
    }

    internal static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
