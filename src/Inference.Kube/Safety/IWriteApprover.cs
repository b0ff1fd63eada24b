namespace Inference.Kube.Safety;

/// <summary>Decides whether a previewed write may run. Every write tool asks one after its server-side dry run.</summary>
public interface IWriteApprover
{
    Task<ApprovalDecision> ApproveAsync(WritePreview preview, CancellationToken ct);
}

/// <summary>
/// What a write will do, from its server-side dry run. <paramref name="Diff"/> is a unified diff of the live object
/// versus the dry-run object, or "creates ..." / "deletes N objects ...".
/// </summary>
public sealed record WritePreview(string Context, string Tool, string Summary, string Diff);

/// <summary>Approved: the write runs. Declined: a person said no. Denied: policy said no (non-interactive use).</summary>
public enum ApprovalDecision { Approved, Declined, Denied }
