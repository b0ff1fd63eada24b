namespace Inference.Kube.Analysis.Analyzers;

/// <summary>What to analyse and how to clean the output.</summary>
public sealed record AnalyzeOptions
{
    /// <summary>Namespaces to report on; null for all. Cluster-scoped findings (nodes, webhooks) are always reported.</summary>
    public IReadOnlySet<string>? Namespaces { get; init; }

    /// <summary>Kinds to report on (<c>--kind Pod,Service</c>); null for all.</summary>
    public IReadOnlySet<string>? Kinds { get; init; }

    /// <summary>Every text of every finding passes through this (the tool set plugs its Redactor in).</summary>
    public Func<string, string> Redact { get; init; } = static s => s;
}
