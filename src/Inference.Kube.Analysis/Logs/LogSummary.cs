namespace Inference.Kube.Analysis.Logs;

/// <summary>What a template stands for in the logs summarised.</summary>
public sealed record TemplateStats(
    string Template,
    int Count,
    int CountPrevious,
    int CountCurrent,
    int Severity,
    string FirstLine,
    string LastLine,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen,
    int FirstIndex,
    int LastIndex)
{
    /// <summary>In the current instance and not in the previous one (only meaningful when a previous instance was read).</summary>
    public bool NewInCurrent => CountCurrent > 0 && CountPrevious == 0;
}

/// <summary>The mined templates of one or more container logs, and their totals.</summary>
public sealed record LogSummary(
    IReadOnlyList<string> Sources,
    int Lines,
    int PreviousLines,
    int CurrentLines,
    IReadOnlyList<TemplateStats> Templates)
{
    public bool HasPrevious => PreviousLines > 0;
}
