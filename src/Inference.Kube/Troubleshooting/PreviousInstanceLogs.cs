using Inference.Kube.Analysis.Snapshot;

namespace Inference.Kube.Troubleshooting;

/// <summary>Only the previous (terminated) instance of each container: <c>summarize_logs</c> with <c>previous</c>.</summary>
internal sealed class PreviousInstanceLogs(IPodLogSource logs) : IPodLogSource
{
    public Task<string?> GetAsync(string ns, string pod, string container, bool previous, CancellationToken ct = default) =>
        previous ? logs.GetAsync(ns, pod, container, previous, ct) : Task.FromResult<string?>(null);
}
