namespace Inference.Kube.Analysis.Findings;

/// <summary>
/// One root cause on one object: for pods of a workload the object is the workload (Deployment, StatefulSet, ...)
/// and the pods are in <see cref="Related"/>, so three crashing replicas are one finding.
/// </summary>
public sealed record Finding
{
    /// <summary>The object the finding is about (a workload rather than its pods).</summary>
    public required ObjectRef Object { get; init; }

    /// <summary>The owner chain above <see cref="Object"/>, nearest first (a bare ReplicaSet's Deployment, ...).</summary>
    public IReadOnlyList<ObjectRef> Parents { get; init; } = [];

    /// <summary>The kubeconfig context of the cluster, when several are analysed.</summary>
    public string? Context { get; init; }

    /// <summary>Which rule fired (stable id, e.g. <c>crash-loop</c>); merges one root cause per object.</summary>
    public required string Rule { get; init; }

    public required Severity Severity { get; init; }

    /// <summary>One line: what is wrong.</summary>
    public required string Message { get; init; }

    /// <summary>The status fields, events and log lines the finding rests on.</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];

    /// <summary>A concrete fix: a kubectl command or a patch.</summary>
    public required string Fix { get; init; }

    /// <summary>Other objects involved: the affected pods, the missing Service, the blocking PVC.</summary>
    public IReadOnlyList<ObjectRef> Related { get; init; } = [];

    /// <summary>Message, evidence and fix as one text (what matching and canary checks read).</summary>
    public string Text => string.Join('\n', [Message, .. Evidence, Fix]);

    /// <summary>The same finding with every text field passed through <paramref name="redact"/>.</summary>
    public Finding Redacted(Func<string, string> redact) => this with
    {
        Message = redact(Message),
        Evidence = [.. Evidence.Select(redact)],
        Fix = redact(Fix),
    };
}
