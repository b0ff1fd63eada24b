using Inference.Kube.Analysis.Findings;
using Inference.Kube.Analysis.Snapshot;

namespace Inference.Kube.Analysis.Analyzers;

/// <summary>Runs every analyzer over a snapshot, merges to one finding per root cause and workload, and redacts.</summary>
public sealed class ClusterAnalyzer(IReadOnlyList<IAnalyzer> analyzers)
{
    public ClusterAnalyzer()
        : this(All)
    {
    }

    /// <summary>Every analyzer of this library.</summary>
    public static IReadOnlyList<IAnalyzer> All { get; } =
    [
        new ContainerStateAnalyzer(), new ProbeAnalyzer(), new UnreadyNodePodAnalyzer(), new SchedulingAnalyzer(),
        new RolloutAnalyzer(), new JobAnalyzer(), new ServiceAnalyzer(), new IngressAnalyzer(), new StorageAnalyzer(),
        new NodeAnalyzer(), new HpaAnalyzer(), new PolicyAnalyzer(), new WebhookAnalyzer(),
    ];

    /// <summary>Every kind some analyzer reports on.</summary>
    public IReadOnlySet<string> Kinds => analyzers.SelectMany(a => a.Kinds).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public async Task<IReadOnlyList<Finding>> AnalyzeAsync(ClusterSnapshot snapshot, AnalyzeOptions? options = null, CancellationToken ct = default)
    {
        options ??= new AnalyzeOptions();
        var context = new AnalysisContext(snapshot);
        var selected = options.Kinds is null
            ? analyzers
            : analyzers.Where(a => a.Kinds.Any(k => options.Kinds.Contains(k))).ToList();
        var findings = new List<Finding>();
        foreach (var analyzer in selected)
        {
            findings.AddRange(await analyzer.AnalyzeAsync(context, ct).ConfigureAwait(false));
        }

        return [.. FindingMerger.Merge(findings)
            .Where(f => f.Object.Namespace is null || options.Namespaces is null || options.Namespaces.Contains(f.Object.Namespace))
            .Select(f => f.Redacted(options.Redact))];
    }
}
