using Inference.Kube.Analysis.Findings;

namespace Inference.Kube.Analysis.Timeline;

/// <summary>One moment in a workload's history.</summary>
public sealed record TimelineEntry(DateTimeOffset Time, ObjectRef Object, string Text, bool IsWarning = false);
