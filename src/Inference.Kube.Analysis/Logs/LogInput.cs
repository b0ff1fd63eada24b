namespace Inference.Kube.Analysis.Logs;

/// <summary>One container instance's log: <paramref name="Label"/> names it (pod/container), <paramref name="Previous"/>
/// marks the terminated instance (<c>kubectl logs --previous</c>).</summary>
public sealed record LogInput(string Label, string Text, bool Previous);
