using Inference.Kube.Safety;

namespace Inference.Agent.Approvals;

/// <summary>Which approver a session gets: the rule for writes in one place, for every command.</summary>
public static class WriteApprovals
{
    /// <summary>
    /// <paramref name="yes"/> (<c>--yes</c>): every write is approved up front (each preview still goes to
    /// <paramref name="onPreview"/>). Else an interactive session asks through <paramref name="ask"/>; a
    /// non-interactive one (no <paramref name="ask"/>) has every write denied.
    /// </summary>
    public static IWriteApprover For(bool yes, Func<WritePreview, CancellationToken, Task<ApprovalAnswer>>? ask, Action<WritePreview>? onPreview = null)
    {
        if (yes)
            return new PreApprovedWrites(onPreview);
        return ask is null ? DenyWrites.Instance : new PromptingWriteApprover(ask, onPreview);
    }
}
