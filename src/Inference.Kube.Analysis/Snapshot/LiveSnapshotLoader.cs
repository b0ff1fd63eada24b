using k8s;
using k8s.Models;

namespace Inference.Kube.Analysis.Snapshot;

/// <summary>
/// Reads a live cluster into a <see cref="ClusterSnapshot"/> with one paginated list call per kind (namespace-scoped,
/// or across all namespaces), never one get per object. Secrets and ConfigMaps are reduced to names and keys as
/// each page arrives. A kind the user may not list (403) or the server does not serve (404) is left empty.
/// </summary>
public static class LiveSnapshotLoader
{
    /// <summary>Items per list page.</summary>
    public const int PageSize = 500;

    /// <summary>What a workload's pods and their owners need (summarize_logs reads these; timeline adds events).</summary>
    public static readonly IReadOnlySet<string> WorkloadResources = new HashSet<string>(StringComparer.Ordinal)
    {
        "namespaces", "pods", "deployments", "replicasets", "statefulsets", "daemonsets", "jobs", "cronjobs",
    };

    /// <param name="resources">Only these resources (plural names); null = every one the analyzers read.</param>
    public static async Task<ClusterSnapshot> LoadAsync(
        IKubernetes client, string? ns, DateTimeOffset now, string? context = null, IPodLogSource? logs = null,
        IReadOnlySet<string>? resources = null, CancellationToken ct = default)
    {
        bool Wanted(string resource) => resources is null || resources.Contains(resource);
        var b = new SnapshotBuilder();
        var all = ns is null;
        var core = client.CoreV1;
        var apps = client.AppsV1;
        var batch = client.BatchV1;
        var net = client.NetworkingV1;

        await Add(b, Wanted("namespaces"), c => core.ListNamespaceAsync(continueParameter: c, limit: PageSize, cancellationToken: ct), l => l.Items, l => l.Metadata?.ContinueProperty).ConfigureAwait(false);
        await Add(b, Wanted("nodes"), c => core.ListNodeAsync(continueParameter: c, limit: PageSize, cancellationToken: ct), l => l.Items, l => l.Metadata?.ContinueProperty).ConfigureAwait(false);
        await Add(b, Wanted("persistentvolumes"), c => core.ListPersistentVolumeAsync(continueParameter: c, limit: PageSize, cancellationToken: ct), l => l.Items, l => l.Metadata?.ContinueProperty).ConfigureAwait(false);
        await Add(b, Wanted("storageclasses"), c => client.StorageV1.ListStorageClassAsync(continueParameter: c, limit: PageSize, cancellationToken: ct), l => l.Items, l => l.Metadata?.ContinueProperty).ConfigureAwait(false);
        await Add(b, Wanted("ingressclasses"), c => net.ListIngressClassAsync(continueParameter: c, limit: PageSize, cancellationToken: ct), l => l.Items, l => l.Metadata?.ContinueProperty).ConfigureAwait(false);
        await Add(b, Wanted("mutatingwebhookconfigurations"), c => client.AdmissionregistrationV1.ListMutatingWebhookConfigurationAsync(continueParameter: c, limit: PageSize, cancellationToken: ct), l => l.Items, l => l.Metadata?.ContinueProperty).ConfigureAwait(false);
        await Add(b, Wanted("validatingwebhookconfigurations"), c => client.AdmissionregistrationV1.ListValidatingWebhookConfigurationAsync(continueParameter: c, limit: PageSize, cancellationToken: ct), l => l.Items, l => l.Metadata?.ContinueProperty).ConfigureAwait(false);

        await Add(b, Wanted("pods"), c => all ? core.ListPodForAllNamespacesAsync(continueParameter: c, limit: PageSize, cancellationToken: ct) : core.ListNamespacedPodAsync(ns, continueParameter: c, limit: PageSize, cancellationToken: ct), l => l.Items, l => l.Metadata?.ContinueProperty).ConfigureAwait(false);
        await Add(b, Wanted("deployments"), c => all ? apps.ListDeploymentForAllNamespacesAsync(continueParameter: c, limit: PageSize, cancellationToken: ct) : apps.ListNamespacedDeploymentAsync(ns, continueParameter: c, limit: PageSize, cancellationToken: ct), l => l.Items, l => l.Metadata?.ContinueProperty).ConfigureAwait(false);
        await Add(b, Wanted("replicasets"), c => all ? apps.ListReplicaSetForAllNamespacesAsync(continueParameter: c, limit: PageSize, cancellationToken: ct) : apps.ListNamespacedReplicaSetAsync(ns, continueParameter: c, limit: PageSize, cancellationToken: ct), l => l.Items, l => l.Metadata?.ContinueProperty).ConfigureAwait(false);
        await Add(b, Wanted("statefulsets"), c => all ? apps.ListStatefulSetForAllNamespacesAsync(continueParameter: c, limit: PageSize, cancellationToken: ct) : apps.ListNamespacedStatefulSetAsync(ns, continueParameter: c, limit: PageSize, cancellationToken: ct), l => l.Items, l => l.Metadata?.ContinueProperty).ConfigureAwait(false);
        await Add(b, Wanted("daemonsets"), c => all ? apps.ListDaemonSetForAllNamespacesAsync(continueParameter: c, limit: PageSize, cancellationToken: ct) : apps.ListNamespacedDaemonSetAsync(ns, continueParameter: c, limit: PageSize, cancellationToken: ct), l => l.Items, l => l.Metadata?.ContinueProperty).ConfigureAwait(false);
        await Add(b, Wanted("jobs"), c => all ? batch.ListJobForAllNamespacesAsync(continueParameter: c, limit: PageSize, cancellationToken: ct) : batch.ListNamespacedJobAsync(ns, continueParameter: c, limit: PageSize, cancellationToken: ct), l => l.Items, l => l.Metadata?.ContinueProperty).ConfigureAwait(false);
        await Add(b, Wanted("cronjobs"), c => all ? batch.ListCronJobForAllNamespacesAsync(continueParameter: c, limit: PageSize, cancellationToken: ct) : batch.ListNamespacedCronJobAsync(ns, continueParameter: c, limit: PageSize, cancellationToken: ct), l => l.Items, l => l.Metadata?.ContinueProperty).ConfigureAwait(false);
        await Add(b, Wanted("services"), c => all ? core.ListServiceForAllNamespacesAsync(continueParameter: c, limit: PageSize, cancellationToken: ct) : core.ListNamespacedServiceAsync(ns, continueParameter: c, limit: PageSize, cancellationToken: ct), l => l.Items, l => l.Metadata?.ContinueProperty).ConfigureAwait(false);
        await Add(b, Wanted("endpoints"), c => all ? core.ListEndpointsForAllNamespacesAsync(continueParameter: c, limit: PageSize, cancellationToken: ct) : core.ListNamespacedEndpointsAsync(ns, continueParameter: c, limit: PageSize, cancellationToken: ct), l => l.Items, l => l.Metadata?.ContinueProperty).ConfigureAwait(false);
        await Add(b, Wanted("endpointslices"), c => all ? client.DiscoveryV1.ListEndpointSliceForAllNamespacesAsync(continueParameter: c, limit: PageSize, cancellationToken: ct) : client.DiscoveryV1.ListNamespacedEndpointSliceAsync(ns, continueParameter: c, limit: PageSize, cancellationToken: ct), l => l.Items, l => l.Metadata?.ContinueProperty).ConfigureAwait(false);
        await Add(b, Wanted("ingresses"), c => all ? net.ListIngressForAllNamespacesAsync(continueParameter: c, limit: PageSize, cancellationToken: ct) : net.ListNamespacedIngressAsync(ns, continueParameter: c, limit: PageSize, cancellationToken: ct), l => l.Items, l => l.Metadata?.ContinueProperty).ConfigureAwait(false);
        await Add(b, Wanted("networkpolicies"), c => all ? net.ListNetworkPolicyForAllNamespacesAsync(continueParameter: c, limit: PageSize, cancellationToken: ct) : net.ListNamespacedNetworkPolicyAsync(ns, continueParameter: c, limit: PageSize, cancellationToken: ct), l => l.Items, l => l.Metadata?.ContinueProperty).ConfigureAwait(false);
        await Add(b, Wanted("persistentvolumeclaims"), c => all ? core.ListPersistentVolumeClaimForAllNamespacesAsync(continueParameter: c, limit: PageSize, cancellationToken: ct) : core.ListNamespacedPersistentVolumeClaimAsync(ns, continueParameter: c, limit: PageSize, cancellationToken: ct), l => l.Items, l => l.Metadata?.ContinueProperty).ConfigureAwait(false);
        await Add(b, Wanted("events"), c => all ? core.ListEventForAllNamespacesAsync(continueParameter: c, limit: PageSize, cancellationToken: ct) : core.ListNamespacedEventAsync(ns, continueParameter: c, limit: PageSize, cancellationToken: ct), l => l.Items, l => l.Metadata?.ContinueProperty).ConfigureAwait(false);
        await Add(b, Wanted("horizontalpodautoscalers"), c => all ? client.AutoscalingV2.ListHorizontalPodAutoscalerForAllNamespacesAsync(continueParameter: c, limit: PageSize, cancellationToken: ct) : client.AutoscalingV2.ListNamespacedHorizontalPodAutoscalerAsync(ns, continueParameter: c, limit: PageSize, cancellationToken: ct), l => l.Items, l => l.Metadata?.ContinueProperty).ConfigureAwait(false);
        await Add(b, Wanted("poddisruptionbudgets"), c => all ? client.PolicyV1.ListPodDisruptionBudgetForAllNamespacesAsync(continueParameter: c, limit: PageSize, cancellationToken: ct) : client.PolicyV1.ListNamespacedPodDisruptionBudgetAsync(ns, continueParameter: c, limit: PageSize, cancellationToken: ct), l => l.Items, l => l.Metadata?.ContinueProperty).ConfigureAwait(false);
        await Add(b, Wanted("secrets"), c => all ? core.ListSecretForAllNamespacesAsync(continueParameter: c, limit: PageSize, cancellationToken: ct) : core.ListNamespacedSecretAsync(ns, continueParameter: c, limit: PageSize, cancellationToken: ct), l => l.Items, l => l.Metadata?.ContinueProperty).ConfigureAwait(false);
        await Add(b, Wanted("configmaps"), c => all ? core.ListConfigMapForAllNamespacesAsync(continueParameter: c, limit: PageSize, cancellationToken: ct) : core.ListNamespacedConfigMapAsync(ns, continueParameter: c, limit: PageSize, cancellationToken: ct), l => l.Items, l => l.Metadata?.ContinueProperty).ConfigureAwait(false);

        return b.Build(now, context, logs ?? new KubernetesLogSource(client));
    }

    private static async Task Add<TList, TItem>(SnapshotBuilder builder, bool wanted, Func<string?, Task<TList>> list, Func<TList, IList<TItem>> items, Func<TList, string?> next)
        where TItem : class
    {
        if (!wanted)
        {
            return;
        }

        string? page = null;
        do
        {
            TList result;
            try
            {
                result = await list(page).ConfigureAwait(false);
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode is System.Net.HttpStatusCode.Forbidden or System.Net.HttpStatusCode.NotFound)
            {
                return;
            }

            foreach (var item in items(result) ?? [])
            {
                builder.Add(item); // a Secret or ConfigMap becomes names and keys here; the object is dropped
            }

            page = next(result);
        }
        while (!string.IsNullOrEmpty(page));
    }
}
