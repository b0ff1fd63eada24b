namespace Inference.Kube.Writes;

/// <summary>One write, as the steps <see cref="WriteFlow"/> runs in order.</summary>
public sealed class WritePlan
{
    /// <summary>What the write does, in one line: "scale Deployment/shop/web to 5 replicas".</summary>
    public required string Summary { get; init; }

    /// <summary>Permissions asked of the API server (SelfSubjectAccessReview) before anything else.</summary>
    public required IReadOnlyList<AccessCheck> Checks { get; init; }

    /// <summary>Runs the write as a server-side dry run; returns the preview (a diff, "creates ...", "deletes ..."), empty when nothing would change.</summary>
    public required Func<CancellationToken, Task<string>> DryRun { get; init; }

    /// <summary>Runs the write for real; returns what changed.</summary>
    public required Func<CancellationToken, Task<string>> Commit { get; init; }
}
