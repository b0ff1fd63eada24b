using System.Text.Json;
using Inference.Kube.Writes;
using k8s.Models;

namespace Inference.Kube.Tools.Write;

internal sealed class PatchResourceTool : KubeTool
{
    private static readonly JsonElement Schema = ToolSchema.WithContext()
        .String("kind", "kind, plural or short name (deployment, svc, cm, ...)", required: true)
        .String("name", "object name", required: true)
        .String("namespace", "namespace; default: the context's (ignored for cluster-scoped kinds)")
        .String("patch", "the patch as JSON text (an object; for type json an array of operations)", required: true)
        .String("type", "merge (default, JSON merge patch), strategic (strategic merge patch, built-in kinds) or json (JSON patch)", false, "merge", "strategic", "json")
        .Build();

    public override string Name => "patch_resource";

    public override string Description => "Patch one object (merge, strategic or JSON patch); previewed as a diff, needs approval.";

    public override JsonElement Parameters => Schema;

    public override bool IsWrite => true;

    public override async Task<string> RunAsync(JsonElement arguments, KubeToolContext context, CancellationToken ct)
    {
        var args = new ToolArguments(arguments);
        var name = args.RequiredString("name");
        var patchType = (args.String("type") ?? "merge") switch
        {
            "merge" => V1Patch.PatchType.MergePatch,
            "strategic" => V1Patch.PatchType.StrategicMergePatch,
            "json" => V1Patch.PatchType.JsonPatch,
            var other => throw new ToolArgumentException($"\"type\" must be merge, strategic or json, not \"{other}\"."),
        };
        var patch = PatchText(arguments, patchType);
        var api = WriteTarget.Api(context, args);
        var type = await api.ResolveAsync(args.RequiredString("kind"), ct).ConfigureAwait(false);
        var ns = WriteTarget.NamespaceFor(type, context, args, api);
        var plan = WritePlans.Patch(api, type, ns, name, new V1Patch(patch, patchType),
            $"patch {ObjectText.Label(type.Kind, ns, name)} ({args.String("type") ?? "merge"} patch)");
        return await WriteFlow.RunAsync(api, Name, plan, context, ct).ConfigureAwait(false);
    }

    /// <summary>The patch as JSON text: given as a string, or (models often do) as the JSON value itself.</summary>
    private static string PatchText(JsonElement arguments, V1Patch.PatchType type)
    {
        if (!arguments.TryGetProperty("patch", out var value) || value.ValueKind == JsonValueKind.Null)
            throw new ToolArgumentException("\"patch\" is required.");
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText();
        JsonElement parsed;
        try
        {
            using var document = JsonDocument.Parse(text);
            parsed = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new ToolArgumentException($"\"patch\" is not valid JSON: {e.Message}");
        }

        var expected = type == V1Patch.PatchType.JsonPatch ? JsonValueKind.Array : JsonValueKind.Object;
        if (parsed.ValueKind != expected)
            throw new ToolArgumentException(type == V1Patch.PatchType.JsonPatch
                ? "a json patch is an array of operations, e.g. [{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":2}]."
                : "a merge or strategic patch is a JSON object, e.g. {\"spec\":{\"replicas\":2}}.");
        return text;
    }
}
