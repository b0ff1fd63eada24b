using k8s.Models;
using Inference.Kube.Analysis.Findings;
using static Inference.Kube.Analysis.Analyzers.ContainerStateAnalyzer;

namespace Inference.Kube.Analysis.Analyzers;

/// <summary>
/// Running containers kept un-Ready (readiness) or restarted (liveness) by a failing probe: the probe's target
/// against the container's ports, and the kubelet's last probe error.
/// </summary>
public sealed class ProbeAnalyzer : SyncAnalyzer
{
    /// <summary>Probe failures older than this are history, not a current problem.</summary>
    public static readonly TimeSpan Recent = TimeSpan.FromMinutes(15);

    public override IReadOnlyCollection<string> Kinds { get; } = ["Pod", "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet"];

    protected override IEnumerable<Finding> Analyze(AnalysisContext context) =>
        WorkloadGrouping.Group(context, context.Snapshot.Pods.SelectMany(p => Issues(context, p)));

    private static IEnumerable<PodIssue> Issues(AnalysisContext context, V1Pod pod)
    {
        if (pod.Status?.Phase != "Running" || !NodeIsReady(context, pod))
        {
            yield break;
        }

        var events = context.EventsFor(AnalysisContext.Ref(pod))
            .Where(e => e.Reason == "Unhealthy" && e.LastSeen is { } t && context.Now - t < Recent).ToList();
        foreach (var cs in pod.Status.ContainerStatuses ?? [])
        {
            var spec = pod.Spec.Containers.FirstOrDefault(c => c.Name == cs.Name);
            if (spec is null || cs.State?.Running is null)
            {
                continue;
            }

            var readiness = !cs.Ready && spec.ReadinessProbe is not null
                ? events.FirstOrDefault(e => e.Message.StartsWith("Readiness probe failed", StringComparison.Ordinal)) : null;
            var liveness = cs.RestartCount > 0 && spec.LivenessProbe is not null
                ? events.FirstOrDefault(e => e.Message.StartsWith("Liveness probe failed", StringComparison.Ordinal)) : null;
            var failing = readiness ?? liveness;
            if (failing is null)
            {
                continue;
            }

            var probe = readiness is not null ? spec.ReadinessProbe! : spec.LivenessProbe!;
            var kind = readiness is not null ? "readiness" : "liveness";
            var target = Target(probe, spec);
            var ports = (spec.Ports ?? []).Select(p => p.Name is null ? $"{p.ContainerPort}" : $"{p.ContainerPort} ({p.Name})").ToList();
            var evidence = new List<string>
            {
                $"{kind}Probe: {target}; container ports: {(ports.Count == 0 ? "none declared" : string.Join(", ", ports))}",
                "event: " + Trim(failing.Describe(context.Now)),
                kind == "readiness" ? $"container {cs.Name} running, not Ready" : $"container {cs.Name}: {cs.RestartCount} restarts",
            };
            var portProblem = PortProblem(probe, spec);
            if (portProblem is not null)
            {
                evidence.Insert(0, portProblem);
            }

            yield return new PodIssue(pod, "probe-failing", Severity.Critical, cs.Name,
                $"{kind} probe of container {cs.Name} fails ({target}): {Trim(failing.Message, 200)}",
                evidence,
                $"make the probe match the port the process listens on (check the server's listen port in its config or log, then fix {kind}Probe and containerPort in the pod template), or fix the endpoint it checks");
        }
    }

    internal static bool NodeIsReady(AnalysisContext context, V1Pod pod) =>
        pod.Spec?.NodeName is not { } n || !context.NodesByName.TryGetValue(n, out var node) || AnalysisContext.IsReady(node);

    /// <summary>"HTTP GET :8080/healthz"; a named port shows with its number ("http (8080)").</summary>
    internal static string Target(V1Probe probe, V1Container container)
    {
        string Port(IntOrString port) =>
            int.TryParse(port.Value, out _) ? port.Value
            : container.Ports?.FirstOrDefault(p => p.Name == port.Value) is { } named ? $"{port.Value} ({named.ContainerPort})"
            : port.Value;

        return probe.HttpGet is { } h ? $"HTTP GET :{Port(h.Port)}{h.Path}"
            : probe.TcpSocket is { } t ? $"TCP :{Port(t.Port)}"
            : probe.Grpc is { } g ? $"gRPC :{g.Port}"
            : probe.Exec is { } e ? $"exec {string.Join(' ', e.Command ?? [])}"
            : "unknown";
    }

    /// <summary>A probe on a named port the container does not declare, or on a number no declared port has.</summary>
    internal static string? PortProblem(V1Probe probe, V1Container container)
    {
        var port = probe.HttpGet?.Port ?? probe.TcpSocket?.Port;
        if (port is null || container.Ports is not { Count: > 0 } ports)
        {
            return null;
        }

        var value = port.Value;
        if (int.TryParse(value, out var number))
        {
            return ports.Any(p => p.ContainerPort == number) ? null : $"probe port {number} is not one of the container's ports";
        }

        return ports.Any(p => p.Name == value) ? null : $"probe port name '{value}' is not a port of the container";
    }
}
