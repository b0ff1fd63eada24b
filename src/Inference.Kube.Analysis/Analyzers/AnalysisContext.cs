using k8s.Models;
using Inference.Kube.Analysis.Events;
using Inference.Kube.Analysis.Findings;
using Inference.Kube.Analysis.Snapshot;

namespace Inference.Kube.Analysis.Analyzers;

/// <summary>A snapshot with the lookups every analyzer needs: owners by uid, merged events per object, pods per node.</summary>
public sealed class AnalysisContext
{
    private readonly Dictionary<string, (ObjectRef Ref, IList<V1OwnerReference>? Owners)> _byUid = new(StringComparer.Ordinal);
    private readonly Dictionary<ObjectRef, List<AggregatedEvent>> _events = [];
    private readonly Dictionary<(string Node, string Resource), decimal> _free = [];

    public AnalysisContext(ClusterSnapshot snapshot)
    {
        Snapshot = snapshot;
        Index("ReplicaSet", snapshot.ReplicaSets.Select(o => o.Metadata));
        Index("Deployment", snapshot.Deployments.Select(o => o.Metadata));
        Index("StatefulSet", snapshot.StatefulSets.Select(o => o.Metadata));
        Index("DaemonSet", snapshot.DaemonSets.Select(o => o.Metadata));
        Index("Job", snapshot.Jobs.Select(o => o.Metadata));
        Index("CronJob", snapshot.CronJobs.Select(o => o.Metadata));
        Events = EventAggregator.Aggregate(snapshot.Events);
        foreach (var e in Events)
        {
            if (!_events.TryGetValue(e.InvolvedObject, out var list))
            {
                _events[e.InvolvedObject] = list = [];
            }

            list.Add(e);
        }

        NodesByName = snapshot.Nodes.ToDictionary(n => n.Metadata.Name, StringComparer.Ordinal);
        PodsByNode = snapshot.Pods.Where(p => p.Spec?.NodeName is not null).ToLookup(p => p.Spec.NodeName, StringComparer.Ordinal);
        PodsByNamespace = snapshot.Pods.ToLookup(p => p.Metadata.NamespaceProperty ?? "", StringComparer.Ordinal);
    }

    public ClusterSnapshot Snapshot { get; }
    public DateTimeOffset Now => Snapshot.Now;
    public string? Context => Snapshot.Context;
    public IReadOnlyList<AggregatedEvent> Events { get; }
    public IReadOnlyDictionary<string, V1Node> NodesByName { get; }
    public ILookup<string, V1Pod> PodsByNode { get; }
    public ILookup<string, V1Pod> PodsByNamespace { get; }

    /// <summary>What a node has left of a resource (allocatable minus its pods' requests), computed once per node.</summary>
    public decimal Free(V1Node node, string resource)
    {
        var key = (node.Metadata.Name, resource);
        if (!_free.TryGetValue(key, out var free))
        {
            _free[key] = free = Quantities.Free(this, node, resource);
        }

        return free;
    }

    /// <summary>Merged events about one object, newest first.</summary>
    public IReadOnlyList<AggregatedEvent> EventsFor(ObjectRef obj) => _events.TryGetValue(obj, out var list) ? list : [];

    /// <summary>The controllers above an object, nearest first (Pod → ReplicaSet → Deployment), as far as they exist.</summary>
    public IReadOnlyList<ObjectRef> OwnerChain(V1ObjectMeta meta)
    {
        var chain = new List<ObjectRef>();
        var owners = meta.OwnerReferences;
        while (owners is { Count: > 0 } && chain.Count < 8)
        {
            var o = owners.FirstOrDefault(x => x.Controller == true) ?? owners[0];
            if (_byUid.TryGetValue(o.Uid, out var found))
            {
                chain.Add(found.Ref);
                owners = found.Owners;
            }
            else
            {
                chain.Add(new ObjectRef(o.Kind, meta.NamespaceProperty, o.Name));
                owners = null;
            }
        }

        return chain;
    }

    /// <summary>The top controller of an object (a pod's Deployment), or the object itself.</summary>
    public ObjectRef Workload(string kind, V1ObjectMeta meta) => OwnerChain(meta) is [.., var top] ? top : Ref(kind, meta);

    public static ObjectRef Ref(string kind, V1ObjectMeta meta) =>
        new(kind, string.IsNullOrEmpty(meta.NamespaceProperty) ? null : meta.NamespaceProperty, meta.Name);

    public static ObjectRef Ref(V1Pod pod) => Ref("Pod", pod.Metadata);

    /// <summary>Pods in a namespace whose labels carry every pair of <paramref name="selector"/>.</summary>
    public IEnumerable<V1Pod> PodsMatching(string ns, IDictionary<string, string>? selector) =>
        selector is null || selector.Count == 0
            ? []
            : PodsByNamespace[ns].Where(p => Matches(p.Metadata.Labels, selector));

    public static bool Matches(IDictionary<string, string>? labels, IDictionary<string, string> selector) =>
        selector.All(kv => labels is not null && labels.TryGetValue(kv.Key, out var v) && v == kv.Value);

    /// <summary>A label selector (matchLabels and the common matchExpressions) against labels.</summary>
    public static bool Matches(IDictionary<string, string>? labels, V1LabelSelector? selector)
    {
        if (selector is null)
        {
            return false;
        }

        if (selector.MatchLabels is { } ml && !Matches(labels, ml))
        {
            return false;
        }

        foreach (var e in selector.MatchExpressions ?? [])
        {
            var has = labels is not null && labels.TryGetValue(e.Key, out var value) ? value : null;
            var ok = e.OperatorProperty switch
            {
                "In" => has is not null && (e.Values ?? []).Contains(has),
                "NotIn" => has is null || !(e.Values ?? []).Contains(has),
                "Exists" => has is not null,
                "DoesNotExist" => has is null,
                _ => true,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the Node's Ready condition is True.</summary>
    public static bool IsReady(V1Node node) =>
        node.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Status == "True";

    public static bool IsReady(V1Pod pod) =>
        pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Status == "True";

    private void Index(string kind, IEnumerable<V1ObjectMeta> metas)
    {
        foreach (var m in metas)
        {
            if (m.Uid is not null)
            {
                _byUid[m.Uid] = (Ref(kind, m), m.OwnerReferences);
            }
        }
    }
}
