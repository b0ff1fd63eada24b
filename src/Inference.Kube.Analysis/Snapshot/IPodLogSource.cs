namespace Inference.Kube.Analysis.Snapshot;

/// <summary>Container logs as a kubelet serves them: the running (or last) instance, or the previous one.</summary>
public interface IPodLogSource
{
    /// <summary>The log text, or null when there is none (a container that never started).</summary>
    Task<string?> GetAsync(string ns, string pod, string container, bool previous, CancellationToken ct = default);
}

/// <summary>A cluster with no logs at hand.</summary>
public sealed class NoPodLogs : IPodLogSource
{
    public static NoPodLogs Instance { get; } = new();

    public Task<string?> GetAsync(string ns, string pod, string container, bool previous, CancellationToken ct = default) =>
        Task.FromResult<string?>(null);
}
