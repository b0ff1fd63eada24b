using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Inference.Kube.Testing;

/// <summary>What an analyzer must report: Object is "Kind/ns/name" (or "Kind/name" when cluster-scoped).</summary>
public sealed record ExpectedFinding(string Object, string? Context, IReadOnlyList<string> Evidence);

/// <summary>One scenario folder's scenario.yaml (see the scenarios' README).</summary>
public sealed partial class KubeScenario
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Question { get; init; }
    public required string QuestionZh { get; init; }

    /// <summary>The kubeconfig contexts (clusters); ["default"] when scenario.yaml lists none.</summary>
    public required IReadOnlyList<string> Contexts { get; init; }

    public required IReadOnlyList<ExpectedFinding> ExpectedFindings { get; init; }
    public required IReadOnlyList<string> AnswerMentions { get; init; }
    public required IReadOnlyList<string> MustNotMention { get; init; }
    public required string Directory { get; init; }

    /// <summary>The snapshot moment from scenario.yaml's first-line comment: "now" for ages and recency.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>True when scenario.yaml lists several contexts: files then sit under cluster/&lt;context&gt;/ and logs/&lt;context&gt;/.</summary>
    public bool IsMultiCluster => Contexts.Count > 1 || System.IO.Directory.Exists(Path.Combine(Directory, "cluster", Contexts[0]));

    /// <summary>Loads a scenario by id (a folder of <see cref="KubeFixtures.ScenariosDir"/>) or by directory path.</summary>
    public static KubeScenario Load(string idOrDirectory)
    {
        var directory = System.IO.Directory.Exists(idOrDirectory) ? Path.GetFullPath(idOrDirectory) : Path.Combine(KubeFixtures.ScenariosDir, idOrDirectory);
        var file = Path.Combine(directory, "scenario.yaml");
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"No scenario.yaml for scenario '{idOrDirectory}'", file);
        }

        var text = File.ReadAllText(file);
        var root = YamlJson.ParseOne(text) as JsonObject ?? throw new InvalidDataException(file + " is not a YAML mapping");
        var nowMatch = SnapshotPattern().Match(text.Split('\n', 2)[0]);
        if (!nowMatch.Success)
        {
            throw new InvalidDataException(file + ": the first line must be a comment giving the snapshot moment");
        }

        var expect = root["expect"] as JsonObject;
        var contexts = Strings(root["contexts"]);
        return new KubeScenario
        {
            Id = (string?)root["id"] ?? Path.GetFileName(directory),
            Title = (string?)root["title"] ?? "",
            Question = (string?)root["question"] ?? "",
            QuestionZh = (string?)root["question_zh"] ?? "",
            Contexts = contexts.Length == 0 ? ["default"] : contexts,
            ExpectedFindings = (expect?["findings"] as JsonArray ?? [])
                .OfType<JsonObject>()
                .Select(f => new ExpectedFinding((string?)f["object"] ?? "", (string?)f["context"], Strings(f["evidence"])))
                .ToArray(),
            AnswerMentions = Strings(expect?["answer_mentions"]),
            MustNotMention = Strings(expect?["must_not_mention"]),
            Directory = directory,
            Now = DateTimeOffset.Parse(nowMatch.Groups[1].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        };
    }

    /// <summary>The folder holding a context's object files.</summary>
    public string ClusterDirectory(string context) => IsMultiCluster ? Path.Combine(Directory, "cluster", context) : Path.Combine(Directory, "cluster");

    /// <summary>The folder holding a context's logs (logs/&lt;namespace&gt;/&lt;pod&gt;/&lt;container&gt;[.previous].log).</summary>
    public string LogsDirectory(string context) => IsMultiCluster ? Path.Combine(Directory, "logs", context) : Path.Combine(Directory, "logs");

    private static string[] Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(n => n?.ToString() ?? "").ToArray() : [];

    [GeneratedRegex(@"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z)")]
    private static partial Regex SnapshotPattern();
}
