using YamlDotNet.RepresentationModel;

namespace Inference.Kube.Analysis.Tests.Scenarios;

/// <summary>The <c>expect</c> block of a scenario.yaml.</summary>
public sealed record ScenarioExpectations(IReadOnlyList<ExpectedFinding> Findings, IReadOnlyList<string> MustNotMention)
{
    public static ScenarioExpectations Load(string scenarioDirectory)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(scenarioDirectory, "scenario.yaml")))
        {
            stream.Load(reader);
        }

        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var expect = (YamlMappingNode)root["expect"];
        var findings = expect.Children.TryGetValue("findings", out var f) && f is YamlSequenceNode list
            ? list.Children.Cast<YamlMappingNode>().Select(m => new ExpectedFinding(
                Scalar(m["object"]),
                m.Children.TryGetValue("context", out var c) ? Scalar(c) : null,
                m.Children.TryGetValue("evidence", out var e) ? [.. ((YamlSequenceNode)e).Children.Select(Scalar)] : [])).ToList()
            : [];
        var canaries = expect.Children.TryGetValue("must_not_mention", out var n) && n is YamlSequenceNode names
            ? names.Children.Select(Scalar).ToList()
            : [];
        return new ScenarioExpectations(findings, canaries);
    }

    private static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value ?? "";
}

/// <summary>One expected finding: "Kind/ns/name" (or "Kind/name"), its context when several, the evidence strings.</summary>
public sealed record ExpectedFinding(string Object, string? Context, IReadOnlyList<string> Evidence);
