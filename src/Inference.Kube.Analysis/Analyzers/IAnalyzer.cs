using Inference.Kube.Analysis.Findings;

namespace Inference.Kube.Analysis.Analyzers;

/// <summary>One concern (pods, services, storage, ...): reads the snapshot, returns findings. Stateless.</summary>
public interface IAnalyzer
{
    /// <summary>The kinds this analyzer reports on, for <c>--kind</c> filtering.</summary>
    IReadOnlyCollection<string> Kinds { get; }

    Task<IReadOnlyList<Finding>> AnalyzeAsync(AnalysisContext context, CancellationToken ct);
}

/// <summary>An analyzer that needs no I/O.</summary>
public abstract class SyncAnalyzer : IAnalyzer
{
    public abstract IReadOnlyCollection<string> Kinds { get; }

    public Task<IReadOnlyList<Finding>> AnalyzeAsync(AnalysisContext context, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Finding>>([.. Analyze(context)]);

    protected abstract IEnumerable<Finding> Analyze(AnalysisContext context);
}
