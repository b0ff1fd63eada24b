using System.Globalization;
using System.Text.Json.Nodes;
using Inference.Kube.Analysis.Events;

namespace Inference.Kube.Formatting;

/// <summary>A pod's READY, STATUS and RESTARTS the way kubectl get pods prints them.</summary>
internal static class PodStatus
{
    public static string Ready(JsonNode pod)
    {
        var total = pod.Objects("spec.containers").Count();
        var ready = pod.Objects("status.containerStatuses").Count(c => c.Bool("ready") == true);
        return string.Create(CultureInfo.InvariantCulture, $"{ready}/{total}");
    }

    /// <summary>kubectl's STATUS column: Terminating, Init:X, a container's waiting or terminated reason, or the phase.</summary>
    public static string Status(JsonNode pod)
    {
        if (pod.Str("metadata.deletionTimestamp") is not null)
            return "Terminating";
        var reason = pod.Str("status.reason") ?? pod.Str("status.phase") ?? "Unknown";

        var inits = pod.Objects("status.initContainerStatuses").ToList();
        for (var i = 0; i < inits.Count; i++)
        {
            var s = inits[i];
            if (s.Str("state.terminated.exitCode") is "0")
                continue;
            if (s.At("state.terminated") is not null)
                return "Init:" + (s.Str("state.terminated.reason") ?? "ExitCode:" + s.Str("state.terminated.exitCode"));
            if (s.Str("state.waiting.reason") is { } w && w != "PodInitializing")
                return "Init:" + w;
            return string.Create(CultureInfo.InvariantCulture, $"Init:{i}/{pod.Objects("spec.initContainers").Count()}");
        }

        var hasRunning = false;
        foreach (var s in pod.Objects("status.containerStatuses").Reverse())
        {
            if (s.Str("state.waiting.reason") is { Length: > 0 } waiting)
                reason = waiting;
            else if (s.At("state.terminated") is not null)
                reason = s.Str("state.terminated.reason")
                    ?? (s.Str("state.terminated.signal") is { } sig ? "Signal:" + sig : "ExitCode:" + s.Str("state.terminated.exitCode"));
            else if (s.At("state.running") is not null && s.Bool("ready") == true)
                hasRunning = true;
        }

        if (reason == "Completed" && hasRunning)
            reason = pod.Condition("Ready")?.Str("status") == "True" ? "Running" : "NotReady";
        return reason;
    }

    public static int Restarts(JsonNode pod) =>
        (int)pod.Objects("status.containerStatuses").Sum(c => c.Long("restartCount") ?? 0);

    /// <summary>RESTARTS as kubectl: "5 (2m ago)" when the last restart time is known.</summary>
    public static string RestartsText(JsonNode pod, DateTimeOffset now)
    {
        var restarts = Restarts(pod);
        var last = pod.Objects("status.containerStatuses")
            .Select(c => c.Time("lastState.terminated.finishedAt"))
            .Where(t => t is not null)
            .Max();
        return restarts > 0 && last is not null
            ? string.Create(CultureInfo.InvariantCulture, $"{restarts} ({Age.Since(last, now)} ago)")
            : restarts.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Not running and ready, not completed: what a person looks at first.</summary>
    public static bool IsProblem(JsonNode pod)
    {
        var status = Status(pod);
        if (status is "Completed" or "Succeeded")
            return false;
        if (status != "Running")
            return true;
        var total = pod.Objects("spec.containers").Count();
        var ready = pod.Objects("status.containerStatuses").Count(c => c.Bool("ready") == true);
        return ready < total || Restarts(pod) > 0 && pod.Objects("status.containerStatuses").Any(c => c.At("lastState.terminated") is not null);
    }
}
