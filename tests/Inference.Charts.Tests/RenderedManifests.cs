using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s;

namespace Inference.Charts.Tests;

/// <summary>One document of a rendered chart.</summary>
public sealed record Manifest(string ApiVersion, string Kind, string Name, string Yaml)
{
    /// <summary>Custom resources the chart may render: KubernetesClient has no typed model for them.</summary>
    private static readonly HashSet<string> CustomResourceGroups = ["monitoring.coreos.com", "keda.sh", "inference.networking.k8s.io"];

    public bool IsCustomResource => ApiVersion.Contains('/', StringComparison.Ordinal) && CustomResourceGroups.Contains(ApiVersion.Split('/')[0]);

    /// <summary>The document as a JSON tree, for structural checks.</summary>
    public JsonObject Json => (JsonObject)YamlJson.Parse(Yaml)!;

    /// <summary>
    /// The document in KubernetesClient's typed model (k8s.Models), parsed strictly: a field the model does not know
    /// (a typo, a field in the wrong place) throws instead of being dropped.
    /// </summary>
    public T ParseStrict<T>() where T : IKubernetesObject => (T)ParseStrict();

    public IKubernetesObject ParseStrict() => (IKubernetesObject)KubernetesYaml.LoadAllFromString(Yaml, typeMap: null, strict: true).Single();
}

public static partial class RenderedManifests
{
    /// <summary>Splits `helm template` output into its documents (comments-only documents dropped).</summary>
    public static IReadOnlyList<Manifest> Split(string rendered) =>
        [.. DocumentSeparator().Split(rendered)
            .Where(text => text.Split('\n').Any(line => line.Trim() is { Length: > 0 } content && !content.StartsWith('#')))
            .Select(text =>
            {
                var json = (JsonObject)YamlJson.Parse(text)!;
                return new Manifest(
                    (string)json["apiVersion"]!,
                    (string)json["kind"]!,
                    (string)json["metadata"]!["name"]!,
                    text);
            })];

    [GeneratedRegex(@"^---[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex DocumentSeparator();
}
