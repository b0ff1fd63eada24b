using Inference.Kube.Access;
using Inference.Kube.Safety;
using Inference.Kube.Tools;

namespace Inference.Kube.Writes;

/// <summary>
/// Every write: permission check (SelfSubjectAccessReview), server-side dry run, preview (redacted), approval, then
/// the real write. A refusal at any step changes nothing and comes back as a sentence a model can act on (a
/// permission the review denies surfaces as a 403, which the toolbox words as a forbidden result).
/// </summary>
public static class WriteFlow
{
    public static async Task<string> RunAsync(KubeApi api, string tool, WritePlan plan, KubeToolContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(context);
        foreach (var check in plan.Checks)
        {
            if (await check.RefusalAsync(api.Client, ct).ConfigureAwait(false) is { } refusal)
                throw check.Forbidden(refusal, plan.Summary);
        }

        var preview = context.Redactor.Redact(await plan.DryRun(ct).ConfigureAwait(false));
        if (preview.Length == 0)
            return $"No change: {plan.Summary} would leave the cluster as it is (server-side dry run), so nothing was written.";

        var decision = await context.Approver.ApproveAsync(new WritePreview(api.Context, tool, plan.Summary, preview), ct).ConfigureAwait(false);
        context.Decision = decision;
        return decision switch
        {
            ApprovalDecision.Approved => context.Redactor.Redact($"Done: {await plan.Commit(ct).ConfigureAwait(false)}\n{preview}"),
            ApprovalDecision.Declined => $"Declined by the user: {plan.Summary} was not done. Nothing was changed.",
            _ => $"Denied: writes need approval, and this session cannot ask for it (start with --allow-writes, or use a client that can approve). {plan.Summary} was not done. Nothing was changed.",
        };
    }
}
