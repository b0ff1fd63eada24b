using k8s.Models;

namespace Inference.Kube.Analysis.Snapshot;

/// <summary>Sorts typed objects of any kind into a <see cref="ClusterSnapshot"/>; kinds analysis does not use are dropped.</summary>
public sealed class SnapshotBuilder
{
    private readonly List<V1Namespace> _namespaces = [];
    private readonly List<V1Node> _nodes = [];
    private readonly List<V1Pod> _pods = [];
    private readonly List<V1Deployment> _deployments = [];
    private readonly List<V1ReplicaSet> _replicaSets = [];
    private readonly List<V1StatefulSet> _statefulSets = [];
    private readonly List<V1DaemonSet> _daemonSets = [];
    private readonly List<V1Job> _jobs = [];
    private readonly List<V1CronJob> _cronJobs = [];
    private readonly List<V1Service> _services = [];
    private readonly List<V1Endpoints> _endpoints = [];
    private readonly List<V1EndpointSlice> _endpointSlices = [];
    private readonly List<V1Ingress> _ingresses = [];
    private readonly List<V1IngressClass> _ingressClasses = [];
    private readonly List<V1PersistentVolumeClaim> _pvcs = [];
    private readonly List<V1PersistentVolume> _pvs = [];
    private readonly List<V1StorageClass> _storageClasses = [];
    private readonly List<Corev1Event> _events = [];
    private readonly List<V2HorizontalPodAutoscaler> _hpas = [];
    private readonly List<V1PodDisruptionBudget> _pdbs = [];
    private readonly List<V1NetworkPolicy> _networkPolicies = [];
    private readonly List<V1MutatingWebhookConfiguration> _mutating = [];
    private readonly List<V1ValidatingWebhookConfiguration> _validating = [];
    private readonly List<NamedKeys> _secrets = [];
    private readonly List<NamedKeys> _configMaps = [];

    public SnapshotBuilder Add(object obj)
    {
        switch (obj)
        {
            case V1Namespace o: _namespaces.Add(o); break;
            case V1Node o: _nodes.Add(o); break;
            case V1Pod o: _pods.Add(o); break;
            case V1Deployment o: _deployments.Add(o); break;
            case V1ReplicaSet o: _replicaSets.Add(o); break;
            case V1StatefulSet o: _statefulSets.Add(o); break;
            case V1DaemonSet o: _daemonSets.Add(o); break;
            case V1Job o: _jobs.Add(o); break;
            case V1CronJob o: _cronJobs.Add(o); break;
            case V1Service o: _services.Add(o); break;
            case V1Endpoints o: _endpoints.Add(o); break;
            case V1EndpointSlice o: _endpointSlices.Add(o); break;
            case V1Ingress o: _ingresses.Add(o); break;
            case V1IngressClass o: _ingressClasses.Add(o); break;
            case V1PersistentVolumeClaim o: _pvcs.Add(o); break;
            case V1PersistentVolume o: _pvs.Add(o); break;
            case V1StorageClass o: _storageClasses.Add(o); break;
            case Corev1Event o: _events.Add(o); break;
            case V2HorizontalPodAutoscaler o: _hpas.Add(o); break;
            case V1PodDisruptionBudget o: _pdbs.Add(o); break;
            case V1NetworkPolicy o: _networkPolicies.Add(o); break;
            case V1MutatingWebhookConfiguration o: _mutating.Add(o); break;
            case V1ValidatingWebhookConfiguration o: _validating.Add(o); break;
            case V1Secret o: _secrets.Add(KeysOf(o)); break;
            case V1ConfigMap o: _configMaps.Add(KeysOf(o)); break;
            default: break;
        }

        return this;
    }

    public SnapshotBuilder AddRange(IEnumerable<object> objects)
    {
        foreach (var obj in objects)
        {
            Add(obj);
        }

        return this;
    }

    /// <summary>Names and keys of a Secret; its values are not copied.</summary>
    public static NamedKeys KeysOf(V1Secret secret) => new(
        secret.Metadata.NamespaceProperty ?? "",
        secret.Metadata.Name,
        new HashSet<string>((secret.Data?.Keys ?? []).Concat(secret.StringData?.Keys ?? []), StringComparer.Ordinal),
        secret.Type);

    /// <summary>Names and keys of a ConfigMap; its values are not copied.</summary>
    public static NamedKeys KeysOf(V1ConfigMap map) => new(
        map.Metadata.NamespaceProperty ?? "",
        map.Metadata.Name,
        new HashSet<string>((map.Data?.Keys ?? []).Concat(map.BinaryData?.Keys ?? []), StringComparer.Ordinal));

    public ClusterSnapshot Build(DateTimeOffset now, string? context = null, IPodLogSource? logs = null) => new()
    {
        Context = context,
        Now = now,
        Logs = logs ?? NoPodLogs.Instance,
        Namespaces = _namespaces,
        Nodes = _nodes,
        Pods = _pods,
        Deployments = _deployments,
        ReplicaSets = _replicaSets,
        StatefulSets = _statefulSets,
        DaemonSets = _daemonSets,
        Jobs = _jobs,
        CronJobs = _cronJobs,
        Services = _services,
        Endpoints = _endpoints,
        EndpointSlices = _endpointSlices,
        Ingresses = _ingresses,
        IngressClasses = _ingressClasses,
        PersistentVolumeClaims = _pvcs,
        PersistentVolumes = _pvs,
        StorageClasses = _storageClasses,
        Events = _events,
        HorizontalPodAutoscalers = _hpas,
        PodDisruptionBudgets = _pdbs,
        NetworkPolicies = _networkPolicies,
        MutatingWebhooks = _mutating,
        ValidatingWebhooks = _validating,
        Secrets = _secrets,
        ConfigMaps = _configMaps,
    };
}
