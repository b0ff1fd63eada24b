namespace Inference.Kube.Safety;

/// <summary>Non-interactive use without a flag that allows writes: every write is denied by policy.</summary>
public sealed class DenyWrites : IWriteApprover
{
    public static DenyWrites Instance { get; } = new();

    public Task<ApprovalDecision> ApproveAsync(WritePreview preview, CancellationToken ct) =>
        Task.FromResult(ApprovalDecision.Denied);
}
