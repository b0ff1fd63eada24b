namespace Inference.Kube.Safety;

/// <summary>
/// The approval was given up front (the CLI's <c>--allow-writes</c> flag): every write is approved. Each preview is
/// kept in <see cref="Previews"/> and handed to <c>onPreview</c> (the CLI prints it) before the write runs.
/// </summary>
public sealed class PreApprovedWrites(Action<WritePreview>? onPreview = null) : IWriteApprover
{
    private readonly List<WritePreview> _previews = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<WritePreview> Previews
    {
        get { lock (_gate) return [.. _previews]; }
    }

    public Task<ApprovalDecision> ApproveAsync(WritePreview preview, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(preview);
        lock (_gate) _previews.Add(preview);
        onPreview?.Invoke(preview);
        return Task.FromResult(ApprovalDecision.Approved);
    }
}
