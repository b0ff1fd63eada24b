using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Inference.Templates.Tests.Corpus;

/// <summary>One template × case of the corpus: its render variables and what Jinja2 produced.</summary>
internal sealed record CorpusCase(string Template, string Case, JsonObject Variables, string? ExpectedText, string? ExpectedError, bool RaisedByTemplate)
{
    private static readonly ConcurrentDictionary<string, JsonNode> Manifests = new();
    private static readonly ConcurrentDictionary<string, ChatTemplate> CompiledTemplates = new();

    public static IEnumerable<(string Template, string Case)> All(string root)
    {
        var manifest = Manifest(root);
        foreach (var template in manifest["templates"]!.AsArray())
        {
            foreach (var caseId in manifest["cases"]!.AsArray())
            {
                yield return (template!.GetValue<string>(), caseId!.GetValue<string>());
            }
        }
    }

    public static CorpusCase Load(string root, string template, string caseId)
    {
        var input = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "cases", caseId + ".json")))!.AsObject();

        // The variables, in the order transformers passes them (the README documents it).
        var variables = new JsonObject
        {
            ["messages"] = input["messages"]?.DeepClone(),
            ["tools"] = input["tools"]?.DeepClone(),
            ["documents"] = input["documents"]?.DeepClone(),
            ["add_generation_prompt"] = input["add_generation_prompt"]?.DeepClone(),
        };
        foreach (var source in new[] { input["per_template"]?[template]?.AsObject(), input["kwargs"]?.AsObject() })
        {
            foreach (var (key, value) in source ?? [])
            {
                variables[key] = value?.DeepClone();
            }
        }

        var expectedDirectory = Path.Combine(root, "expected", template);
        var textPath = Path.Combine(expectedDirectory, caseId + ".txt");
        var errorPath = Path.Combine(expectedDirectory, caseId + ".error.txt");
        var outcome = Manifest(root)["results"]![template]![caseId]!;
        return new CorpusCase(
            template,
            caseId,
            variables,
            File.Exists(textPath) ? File.ReadAllText(textPath) : null,
            File.Exists(errorPath) ? File.ReadAllText(errorPath) : null,
            outcome["raised_by_template"]?.GetValue<bool>() ?? false);
    }

    public static ChatTemplate Compile(string root, string template) =>
        CompiledTemplates.GetOrAdd(
            Path.Combine(root, "templates", template + ".jinja"),
            path => ChatTemplate.Compile(File.ReadAllText(path)));

    private static JsonNode Manifest(string root) =>
        Manifests.GetOrAdd(root, path => JsonNode.Parse(File.ReadAllText(Path.Combine(path, "manifest.json")))!);
}
