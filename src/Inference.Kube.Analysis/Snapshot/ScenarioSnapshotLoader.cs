using System.Globalization;
using System.Text.RegularExpressions;
using k8s;
using YamlDotNet.RepresentationModel;

namespace Inference.Kube.Analysis.Snapshot;

/// <summary>
/// Loads a scenario folder (see the kube-scenarios README): objects from <c>cluster/*.yaml</c> (or
/// <c>cluster/&lt;context&gt;/</c>), logs from <c>logs/</c>, and "now" from the first-line comment of scenario.yaml.
/// </summary>
public static partial class ScenarioSnapshotLoader
{
    /// <summary>The contexts scenario.yaml lists, or ["default"].</summary>
    public static IReadOnlyList<string> Contexts(string scenarioDirectory)
    {
        var root = ReadScenarioYaml(scenarioDirectory);
        return root.Children.TryGetValue(new YamlScalarNode("contexts"), out var node) && node is YamlSequenceNode list
            ? [.. list.Children.OfType<YamlScalarNode>().Select(n => n.Value ?? "")]
            : ["default"];
    }

    /// <summary>The moment of the snapshot: the timestamp in scenario.yaml's first line.</summary>
    public static DateTimeOffset SnapshotTime(string scenarioDirectory)
    {
        var firstLine = File.ReadLines(Path.Combine(scenarioDirectory, "scenario.yaml")).FirstOrDefault() ?? "";
        var match = TimestampPattern().Match(firstLine);
        if (!match.Success)
        {
            throw new InvalidDataException($"{scenarioDirectory}/scenario.yaml: the first line names no snapshot time: {firstLine}");
        }

        return DateTimeOffset.Parse(match.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    /// <summary>One context's cluster; <paramref name="context"/> null means the only (or first) one.</summary>
    public static ClusterSnapshot Load(string scenarioDirectory, string? context = null)
    {
        var contexts = Contexts(scenarioDirectory);
        var multi = contexts.Count > 1 || Directory.Exists(Path.Combine(scenarioDirectory, "cluster", contexts[0]));
        context ??= contexts[0];
        if (!contexts.Contains(context))
        {
            throw new ArgumentException($"Scenario has no context '{context}' (it has {string.Join(", ", contexts)}).", nameof(context));
        }

        var clusterDir = multi ? Path.Combine(scenarioDirectory, "cluster", context) : Path.Combine(scenarioDirectory, "cluster");
        var logsDir = multi ? Path.Combine(scenarioDirectory, "logs", context) : Path.Combine(scenarioDirectory, "logs");
        var builder = new SnapshotBuilder();
        foreach (var file in Directory.EnumerateFiles(clusterDir, "*.yaml").Order(StringComparer.Ordinal))
        {
            builder.AddRange(KubernetesYaml.LoadAllFromString(File.ReadAllText(file)));
        }

        return builder.Build(SnapshotTime(scenarioDirectory), context, new FolderLogSource(logsDir));
    }

    private static YamlMappingNode ReadScenarioYaml(string scenarioDirectory)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(scenarioDirectory, "scenario.yaml"));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    [GeneratedRegex(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")]
    private static partial Regex TimestampPattern();
}
