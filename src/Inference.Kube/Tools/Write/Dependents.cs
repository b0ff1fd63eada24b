using System.Text.Json.Nodes;
using Inference.Kube.Access;
using Inference.Kube.Writes;

namespace Inference.Kube.Tools.Write;

/// <summary>
/// The objects a delete cascades to: those whose ownerReferences name the deleted object, and theirs in turn, for
/// the kinds controllers own (Deployment → ReplicaSet → Pod, StatefulSet/DaemonSet/Job → Pod, CronJob → Job).
/// </summary>
internal static class Dependents
{
    private static readonly Dictionary<string, string[]> OwnedKinds = new(StringComparer.Ordinal)
    {
        ["Deployment"] = ["replicasets"],
        ["ReplicaSet"] = ["pods"],
        ["StatefulSet"] = ["pods", "controllerrevisions"],
        ["DaemonSet"] = ["pods", "controllerrevisions"],
        ["Job"] = ["pods"],
        ["CronJob"] = ["jobs"],
        ["ReplicationController"] = ["pods"],
    };

    /// <summary>Labels (Kind/namespace/name) of every dependent, depth first.</summary>
    public static async Task<IReadOnlyList<string>> FindAsync(KubeApi api, JsonObject owner, string kind, string? ns, CancellationToken ct)
    {
        var found = new List<string>();
        await CollectAsync(api, owner, kind, ns, found, ct).ConfigureAwait(false);
        return found;
    }

    private static async Task CollectAsync(KubeApi api, JsonObject owner, string kind, string? ns, List<string> found, CancellationToken ct)
    {
        var uid = owner.Str("metadata", "uid");
        if (uid is null || ns is null || !OwnedKinds.TryGetValue(kind, out var plurals))
            return;
        foreach (var plural in plurals)
        {
            var type = await api.ResolveAsync(plural, ct).ConfigureAwait(false);
            foreach (var child in await KubeObjects.ListAsync(api.Client, type, ns, ct).ConfigureAwait(false))
            {
                var owners = child["metadata"]?["ownerReferences"] as JsonArray ?? [];
                if (!owners.Any(o => o.Str("uid") == uid))
                    continue;
                found.Add(ObjectText.Label(type.Kind, ns, child.Name()));
                await CollectAsync(api, child, type.Kind, ns, found, ct).ConfigureAwait(false);
            }
        }
    }
}
