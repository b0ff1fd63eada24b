namespace Inference.Kube.Analysis.Snapshot;

/// <summary>
/// Logs laid out as the scenarios keep them: <c>&lt;root&gt;/&lt;namespace&gt;/&lt;pod&gt;/&lt;container&gt;.log</c> and
/// <c>.previous.log</c>.
/// </summary>
public sealed class FolderLogSource(string root) : IPodLogSource
{
    public async Task<string?> GetAsync(string ns, string pod, string container, bool previous, CancellationToken ct = default)
    {
        var path = Path.Combine(root, ns, pod, container + (previous ? ".previous.log" : ".log"));
        return File.Exists(path) ? await File.ReadAllTextAsync(path, ct).ConfigureAwait(false) : null;
    }
}
