namespace Inference.Kube.Analysis.Findings;

/// <summary>How bad a finding is; <see cref="Critical"/> sorts first.</summary>
public enum Severity
{
    Critical,
    Warning,
    Info,
}
