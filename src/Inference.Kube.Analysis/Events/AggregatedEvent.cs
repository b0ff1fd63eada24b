using Inference.Kube.Analysis.Findings;

namespace Inference.Kube.Analysis.Events;

/// <summary>Repeats of one event merged: total count, first and last seen.</summary>
public sealed record AggregatedEvent(
    ObjectRef InvolvedObject,
    string Type,
    string Reason,
    string Message,
    int Count,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen)
{
    public bool IsWarning => string.Equals(Type, "Warning", StringComparison.OrdinalIgnoreCase);

    /// <summary>"Warning BackOff ×6 (last 2m ago): message".</summary>
    public string Describe(DateTimeOffset now)
    {
        var times = Count > 1 ? $" ×{Count}" : "";
        var age = LastSeen is { } last ? $" ({Age.Format(now - last)} ago)" : "";
        return $"{Type} {Reason}{times}{age}: {Message}";
    }
}
