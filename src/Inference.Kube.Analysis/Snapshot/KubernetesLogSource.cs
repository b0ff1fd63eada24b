using System.Net;
using k8s;
using k8s.Autorest;

namespace Inference.Kube.Analysis.Snapshot;

/// <summary>Container logs from the API server (<c>pods/log</c>), the last <paramref name="tailLines"/> lines.</summary>
public sealed class KubernetesLogSource(IKubernetes client, int tailLines = 5000) : IPodLogSource
{
    public async Task<string?> GetAsync(string ns, string pod, string container, bool previous, CancellationToken ct = default)
    {
        try
        {
            using var stream = await client.CoreV1.ReadNamespacedPodLogAsync(pod, ns, container: container, previous: previous,
                tailLines: tailLines, cancellationToken: ct).ConfigureAwait(false);
            using var reader = new StreamReader(stream);
            return await reader.ReadToEndAsync(ct).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            // "is waiting to start", no previous instance, or a role without pods/log: the analysis goes on from
            // statuses and events, as for a container that has no logs.
            return null;
        }
    }
}
