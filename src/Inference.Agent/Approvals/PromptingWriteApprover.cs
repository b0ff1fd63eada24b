using Inference.Kube.Safety;

namespace Inference.Agent.Approvals;

/// <summary>
/// Asks a person about each previewed write through <c>ask</c> (the chat prompt shows the diff). After "yes for this
/// session" every later write is approved without asking, but is still shown through <c>onAutoApproved</c>.
/// </summary>
public sealed class PromptingWriteApprover(
    Func<WritePreview, CancellationToken, Task<ApprovalAnswer>> ask,
    Action<WritePreview>? onAutoApproved = null) : IWriteApprover
{
    private bool _approveAll;

    public bool ApprovesEverything => _approveAll;

    public async Task<ApprovalDecision> ApproveAsync(WritePreview preview, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(preview);
        if (_approveAll)
        {
            onAutoApproved?.Invoke(preview);
            return ApprovalDecision.Approved;
        }

        switch (await ask(preview, ct).ConfigureAwait(false))
        {
            case ApprovalAnswer.YesForSession:
                _approveAll = true;
                return ApprovalDecision.Approved;
            case ApprovalAnswer.Yes:
                return ApprovalDecision.Approved;
            default:
                return ApprovalDecision.Declined;
        }
    }
}
