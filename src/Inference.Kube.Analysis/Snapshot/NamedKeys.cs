namespace Inference.Kube.Analysis.Snapshot;

/// <summary>
/// A Secret or ConfigMap reduced to what analysis needs: its name and the names of its keys. Values never enter
/// a snapshot (a loader drops them as it reads), so no analyzer can leak one.
/// </summary>
public sealed record NamedKeys(string Namespace, string Name, IReadOnlySet<string> Keys, string? Type = null);
