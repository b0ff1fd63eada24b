using System.Text.Json;
using System.Text.Json.Nodes;
using Inference.Kube.Analysis.Findings;

namespace Inference.Kube.Analysis.Rendering;

/// <summary>
/// The JSON shape other tools read:
/// <c>{"findings":[{"object":{kind,namespace,name},"parents":[...],"context","rule","severity","message","evidence":[...],"fix","related":[...]}]}</c>.
/// </summary>
public static class FindingsJson
{
    public static string Serialize(IReadOnlyList<Finding> findings, bool indented = false) =>
        new JsonObject { ["findings"] = new JsonArray([.. findings.Select(ToJson)]) }
            .ToJsonString(new JsonSerializerOptions { WriteIndented = indented });

    private static JsonObject ToJson(Finding f) => new()
    {
        ["object"] = Ref(f.Object),
        ["parents"] = new JsonArray([.. f.Parents.Select(Ref)]),
        ["context"] = f.Context,
        ["rule"] = f.Rule,
        ["severity"] = f.Severity.ToString().ToLowerInvariant(),
        ["message"] = f.Message,
        ["evidence"] = new JsonArray([.. f.Evidence.Select(e => (JsonNode?)JsonValue.Create(e))]),
        ["fix"] = f.Fix,
        ["related"] = new JsonArray([.. f.Related.Select(Ref)]),
    };

    private static JsonObject Ref(ObjectRef o) => new() { ["kind"] = o.Kind, ["namespace"] = o.Namespace, ["name"] = o.Name };
}
