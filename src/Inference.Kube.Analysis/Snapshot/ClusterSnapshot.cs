using k8s.Models;

namespace Inference.Kube.Analysis.Snapshot;

/// <summary>
/// The objects of one cluster (one kubeconfig context) at one moment, typed as the official client's models.
/// Secrets and ConfigMaps are names and keys only. <see cref="Now"/> is "now" for ages and recency.
/// </summary>
public sealed class ClusterSnapshot
{
    public string? Context { get; init; }
    public required DateTimeOffset Now { get; init; }
    public IPodLogSource Logs { get; init; } = NoPodLogs.Instance;

    public IReadOnlyList<V1Namespace> Namespaces { get; init; } = [];
    public IReadOnlyList<V1Node> Nodes { get; init; } = [];
    public IReadOnlyList<V1Pod> Pods { get; init; } = [];
    public IReadOnlyList<V1Deployment> Deployments { get; init; } = [];
    public IReadOnlyList<V1ReplicaSet> ReplicaSets { get; init; } = [];
    public IReadOnlyList<V1StatefulSet> StatefulSets { get; init; } = [];
    public IReadOnlyList<V1DaemonSet> DaemonSets { get; init; } = [];
    public IReadOnlyList<V1Job> Jobs { get; init; } = [];
    public IReadOnlyList<V1CronJob> CronJobs { get; init; } = [];
    public IReadOnlyList<V1Service> Services { get; init; } = [];
    public IReadOnlyList<V1Endpoints> Endpoints { get; init; } = [];
    public IReadOnlyList<V1EndpointSlice> EndpointSlices { get; init; } = [];
    public IReadOnlyList<V1Ingress> Ingresses { get; init; } = [];
    public IReadOnlyList<V1IngressClass> IngressClasses { get; init; } = [];
    public IReadOnlyList<V1PersistentVolumeClaim> PersistentVolumeClaims { get; init; } = [];
    public IReadOnlyList<V1PersistentVolume> PersistentVolumes { get; init; } = [];
    public IReadOnlyList<V1StorageClass> StorageClasses { get; init; } = [];
    public IReadOnlyList<Corev1Event> Events { get; init; } = [];
    public IReadOnlyList<V2HorizontalPodAutoscaler> HorizontalPodAutoscalers { get; init; } = [];
    public IReadOnlyList<V1PodDisruptionBudget> PodDisruptionBudgets { get; init; } = [];
    public IReadOnlyList<V1NetworkPolicy> NetworkPolicies { get; init; } = [];
    public IReadOnlyList<V1MutatingWebhookConfiguration> MutatingWebhooks { get; init; } = [];
    public IReadOnlyList<V1ValidatingWebhookConfiguration> ValidatingWebhooks { get; init; } = [];
    public IReadOnlyList<NamedKeys> Secrets { get; init; } = [];
    public IReadOnlyList<NamedKeys> ConfigMaps { get; init; } = [];
}
