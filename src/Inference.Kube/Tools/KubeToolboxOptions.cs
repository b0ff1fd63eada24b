using Inference.Kube.Access;
using Inference.Kube.Safety;
using Microsoft.Extensions.Logging;

namespace Inference.Kube.Tools;

public sealed class KubeToolboxOptions
{
    public required KubeContexts Clusters { get; init; }

    /// <summary>Offer the write tools. Off by default: a session is read-only unless it asks.</summary>
    public bool AllowWrites { get; init; }

    /// <summary>Decides previewed writes; default denies every write.</summary>
    public IWriteApprover Approver { get; init; } = DenyWrites.Instance;

    /// <summary>Default: 15 % of <see cref="ModelContextTokens"/>, counted with <see cref="TokenCounter"/>.</summary>
    public ResultBudget? Budget { get; init; }

    /// <summary>The model's context size, for the default budget.</summary>
    public int ModelContextTokens { get; init; } = ResultBudget.DefaultModelContextTokens;

    /// <summary>The model's tokenizer when at hand; default estimates four characters per token.</summary>
    public ITokenCounter? TokenCounter { get; init; }

    /// <summary>Where the audit lines go; default nowhere.</summary>
    public ILogger? Audit { get; init; }

    public Redactor Redactor { get; init; } = new();

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
