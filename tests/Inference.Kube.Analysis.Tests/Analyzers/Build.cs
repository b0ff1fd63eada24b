using k8s.Models;
using Inference.Kube.Analysis.Analyzers;
using Inference.Kube.Analysis.Findings;
using Inference.Kube.Analysis.Snapshot;

namespace Inference.Kube.Analysis.Tests.Analyzers;

/// <summary>Kubernetes objects built in code for the analyzer rule tests.</summary>
internal static class Build
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    public static DateTime Ago(TimeSpan span) => (Now - span).UtcDateTime;

    public static V1ObjectMeta Meta(string name, string? ns = "app", Dictionary<string, string>? labels = null, V1OwnerReference? owner = null) => new()
    {
        Name = name,
        NamespaceProperty = ns,
        Uid = "uid-" + name,
        Labels = labels,
        CreationTimestamp = Ago(TimeSpan.FromHours(2)),
        OwnerReferences = owner is null ? null : [owner],
    };

    public static V1OwnerReference Owner(string kind, string name) => new() { ApiVersion = "apps/v1", Kind = kind, Name = name, Uid = "uid-" + name, Controller = true };

    /// <summary>A Deployment "web" with ReplicaSet "web-1" and <paramref name="pods"/> pods built by <paramref name="configure"/>.</summary>
    public static List<object> Deployment(string name, int pods, Action<V1Pod, int>? configure = null, string ns = "app")
    {
        var labels = new Dictionary<string, string> { ["app"] = name };
        var objects = new List<object>
        {
            new V1Deployment { Metadata = Meta(name, ns, labels), Spec = new V1DeploymentSpec { Replicas = pods, Selector = new V1LabelSelector { MatchLabels = labels }, Template = new V1PodTemplateSpec() } },
            new V1ReplicaSet { Metadata = Meta(name + "-1", ns, labels, Owner("Deployment", name)), Spec = new V1ReplicaSetSpec { Selector = new V1LabelSelector { MatchLabels = labels } } },
        };
        for (var i = 0; i < pods; i++)
        {
            var pod = Pod($"{name}-1-{i}", ns, labels, Owner("ReplicaSet", name + "-1"));
            configure?.Invoke(pod, i);
            objects.Add(pod);
        }

        return objects;
    }

    public static V1Pod Pod(string name, string ns = "app", Dictionary<string, string>? labels = null, V1OwnerReference? owner = null, string node = "node-1") => new()
    {
        Metadata = Meta(name, ns, labels, owner),
        Spec = new V1PodSpec
        {
            NodeName = node,
            Containers = [new V1Container { Name = "main", Image = "registry.example/app:1.0", Ports = [new V1ContainerPort { ContainerPort = 8080, Name = "http" }] }],
        },
        Status = new V1PodStatus
        {
            Phase = "Running",
            Conditions = [new V1PodCondition { Status = "True", Type = "Ready" }, new V1PodCondition { Status = "True", Type = "PodScheduled" }],
            ContainerStatuses = [Running("main")],
        },
    };

    public static V1ContainerStatus Running(string name, int restarts = 0, bool ready = true) => new()
    {
        Name = name,
        Image = "registry.example/app:1.0",
        ImageID = "",
        Ready = ready,
        RestartCount = restarts,
        State = new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = Ago(TimeSpan.FromHours(1)) } },
    };

    public static V1ContainerStatus Waiting(string name, string reason, string? message = null, V1ContainerStateTerminated? last = null, int restarts = 5) => new()
    {
        Name = name,
        Image = "registry.example/app:1.0",
        ImageID = "",
        Ready = false,
        RestartCount = restarts,
        State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Message = message, Reason = reason } },
        LastState = last is null ? null : new V1ContainerState { Terminated = last },
    };

    public static V1ContainerStateTerminated Terminated(int exitCode, string reason, TimeSpan ago) =>
        new() { ExitCode = exitCode, FinishedAt = Ago(ago), Reason = reason, StartedAt = Ago(ago + TimeSpan.FromMinutes(1)) };

    public static V1Node Node(string name, bool ready = true, Dictionary<string, string>? labels = null, Dictionary<string, string>? allocatable = null) => new()
    {
        Metadata = Meta(name, ns: null, labels),
        Spec = new V1NodeSpec(),
        Status = new V1NodeStatus
        {
            Conditions = [new V1NodeCondition { Status = ready ? "True" : "Unknown", Type = "Ready", Reason = ready ? "KubeletReady" : "NodeStatusUnknown", Message = ready ? "kubelet is posting ready status" : "Kubelet stopped posting node status.", LastTransitionTime = Ago(TimeSpan.FromMinutes(5)) }],
            Allocatable = (allocatable ?? new Dictionary<string, string> { ["cpu"] = "4", ["memory"] = "16Gi" }).ToDictionary(kv => kv.Key, kv => new ResourceQuantity(kv.Value)),
        },
    };

    public static Corev1Event Event(string kind, string name, string reason, string message, string type = "Warning", int count = 1, TimeSpan? lastAgo = null, string ns = "app") => new()
    {
        Metadata = new V1ObjectMeta { Name = $"{name}.{reason}.{message.GetHashCode(StringComparison.Ordinal):x}", NamespaceProperty = ns },
        InvolvedObject = new V1ObjectReference { Kind = kind, Name = name, NamespaceProperty = kind is "Node" ? null : ns },
        Reason = reason,
        Message = message,
        Type = type,
        Count = count,
        FirstTimestamp = Ago((lastAgo ?? TimeSpan.FromMinutes(1)) + TimeSpan.FromMinutes(30)),
        LastTimestamp = Ago(lastAgo ?? TimeSpan.FromMinutes(1)),
    };

    public static ClusterSnapshot Snapshot(IEnumerable<object> objects, IPodLogSource? logs = null, string? context = null) =>
        new SnapshotBuilder().AddRange(objects).Build(Now, context, logs);

    public static async Task<IReadOnlyList<Finding>> Analyze(IEnumerable<object> objects, IPodLogSource? logs = null, AnalyzeOptions? options = null) =>
        await new ClusterAnalyzer().AnalyzeAsync(Snapshot(objects, logs), options);

    /// <summary>Logs from a dictionary keyed "pod/container" (+ "/previous").</summary>
    public sealed class FakeLogs(Dictionary<string, string> logs) : IPodLogSource
    {
        public Task<string?> GetAsync(string ns, string pod, string container, bool previous, CancellationToken ct = default) =>
            Task.FromResult(logs.TryGetValue($"{pod}/{container}{(previous ? "/previous" : "")}", out var text) ? text : null);
    }
}
