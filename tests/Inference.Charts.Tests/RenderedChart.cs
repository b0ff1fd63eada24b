using k8s.Models;

namespace Inference.Charts.Tests;

/// <summary>The chart rendered with one values file, with typed access to its server Deployment.</summary>
public sealed class RenderedChart
{
    private RenderedChart(string? example, IReadOnlyList<Manifest> manifests)
    {
        Example = example;
        Manifests = manifests;
    }

    public string? Example { get; }

    public IReadOnlyList<Manifest> Manifests { get; }

    /// <summary>Kinds in sorted order, one entry per document.</summary>
    public IReadOnlyList<string> Kinds => [.. Manifests.Select(m => m.Kind).Order(StringComparer.Ordinal)];

    public V1Deployment Server => Get<V1Deployment>("Deployment", ChartRenderer.ReleaseName);

    public V1Container ServerContainer => Server.Spec.Template.Spec.Containers.Single(c => c.Name == "server");

    public static RenderedChart Render(string? example, params string[] set) =>
        new(example, RenderedManifests.Split(ChartRenderer.Instance!.Render(example, set)));

    public Manifest Find(string kind, string name) =>
        Manifests.SingleOrDefault(m => m.Kind == kind && m.Name == name)
        ?? throw new InvalidOperationException($"No {kind} {name} in the chart rendered with {Example ?? "default values"}: {string.Join(", ", Manifests.Select(m => $"{m.Kind}/{m.Name}"))}");

    public T Get<T>(string kind, string name) where T : k8s.IKubernetesObject => Find(kind, name).ParseStrict<T>();

    public string? Env(string name) => ServerContainer.Env.SingleOrDefault(e => e.Name == name)?.Value;
}
