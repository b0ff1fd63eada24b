using Inference.Kube.Access;
using Inference.Kube.Safety;

namespace Inference.Kube.Tools;

/// <summary>What a tool may use during one call. The toolbox makes a fresh one per call.</summary>
public sealed class KubeToolContext
{
    public required KubeContexts Clusters { get; init; }

    public required IWriteApprover Approver { get; init; }

    public Redactor Redactor { get; init; } = new();

    /// <summary>The session's result budget; tools that budget their own text (log summaries) size it by this.</summary>
    public ResultBudget Budget { get; init; } = ResultBudget.ForModelContext();

    /// <summary>"Now" for ages and recency; tests on scenarios set it to the scenario's snapshot time.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// A write tool sets the approver's decision here; the toolbox reports it in the audit line and maps Declined and
    /// Denied to those outcomes. Null for reads.
    /// </summary>
    public ApprovalDecision? Decision { get; set; }
}
