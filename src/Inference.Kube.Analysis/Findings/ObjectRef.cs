namespace Inference.Kube.Analysis.Findings;

/// <summary>A Kubernetes object by kind, namespace (null for cluster-scoped kinds) and name.</summary>
public sealed record ObjectRef(string Kind, string? Namespace, string Name)
{
    /// <summary>"Kind/namespace/name", or "Kind/name" for a cluster-scoped object (the scenarios' notation).</summary>
    public override string ToString() => Namespace is null ? $"{Kind}/{Name}" : $"{Kind}/{Namespace}/{Name}";
}
