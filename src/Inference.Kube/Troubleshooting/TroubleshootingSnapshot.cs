using Inference.Kube.Access;
using Inference.Kube.Analysis.Snapshot;
using Inference.Kube.Safety;
using Inference.Kube.Tools;

namespace Inference.Kube.Troubleshooting;

/// <summary>
/// One context's cluster read for the analyzers (<see cref="LiveSnapshotLoader"/>: one paginated list per kind, a
/// namespace or all), after the Secret values of that scope have been taught to the redactor, so a value a program
/// logged is masked in log evidence too. A namespace that does not exist is a readable error.
/// </summary>
public static class TroubleshootingSnapshot
{
    public static async Task<ClusterSnapshot> LoadAsync(
        KubeContexts clusters, string? context, string? ns, Redactor redactor, DateTimeOffset now,
        IPodLogSource? logs = null, IReadOnlySet<string>? resources = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        var api = clusters.Api(context);
        await api.Secrets.LearnAsync(ns, redactor, ct).ConfigureAwait(false);
        var snapshot = await LiveSnapshotLoader.LoadAsync(api.Client, ns, now, api.Context, logs, resources, ct).ConfigureAwait(false);
        // An empty namespace list means the user may not list namespaces: then nothing can be checked.
        if (ns is not null && snapshot.Namespaces.Count > 0 && !snapshot.Namespaces.Any(n => n.Metadata?.Name == ns))
            throw new ToolArgumentException(
                $"namespace \"{ns}\" does not exist in context \"{api.Context}\". Namespaces: "
                + $"{string.Join(", ", snapshot.Namespaces.Select(n => n.Metadata?.Name).Order(StringComparer.Ordinal))}.");
        return snapshot;
    }
}
