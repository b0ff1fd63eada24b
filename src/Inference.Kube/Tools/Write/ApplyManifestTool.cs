using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Inference.Kube.Access;
using Inference.Kube.Writes;
using k8s.Models;

namespace Inference.Kube.Tools.Write;

/// <summary>Server-side apply (field manager "inference", no force) of every object in a YAML manifest.</summary>
internal sealed class ApplyManifestTool : KubeTool
{
    private static readonly JsonElement Schema = ToolSchema.WithContext()
        .String("manifest", "YAML: one or more objects separated by ---", required: true)
        .String("namespace", "namespace for objects that name none; default: the context's")
        .Build();

    public override string Name => "apply_manifest";

    public override string Description =>
        "Create or update objects from YAML by server-side apply. Previewed as a diff per object, needs approval.";

    public override JsonElement Parameters => Schema;

    public override bool IsWrite => true;

    private sealed record Target(ApiResource Type, string? Namespace, string Name, JsonObject Body, string Label);

    public override async Task<string> RunAsync(JsonElement arguments, KubeToolContext context, CancellationToken ct)
    {
        var args = new ToolArguments(arguments);
        var documents = ManifestDocuments.Parse(args.RequiredString("manifest"));
        if (documents.Count == 0)
            throw new ToolArgumentException("\"manifest\" holds no object.");
        var api = WriteTarget.Api(context, args);
        var targets = new List<Target>();
        foreach (var body in documents)
            targets.Add(await TargetAsync(api, body, context, args, ct).ConfigureAwait(false));

        var live = new Dictionary<Target, JsonObject?>();
        var plan = new WritePlan
        {
            Summary = targets.Count == 1
                ? $"apply {targets[0].Label}"
                : $"apply {targets.Count} objects: {string.Join(", ", targets.Select(t => t.Label))}",
            Checks = [.. targets.Select(t => new AccessCheck("patch", t.Type, t.Namespace, t.Name))],
            DryRun = async token =>
            {
                var preview = new StringBuilder();
                foreach (var target in targets)
                {
                    live[target] = await KubeObjects.FindAsync(api.Client, target.Type, target.Namespace, target.Name, token).ConfigureAwait(false);
                    var dry = await KubeObjects.PatchAsync(api.Client, target.Type, target.Namespace, target.Name, ApplyPatch(target), dryRun: true, token).ConfigureAwait(false);
                    preview.Append(live[target] is { } before
                        ? WritePlans.Diff(before, dry, target.Label)
                        : $"creates {target.Label}:\n{PreviewYaml.Render(dry)}");
                }

                return preview.ToString().TrimEnd();
            },
            Commit = async token =>
            {
                var done = new List<string>();
                foreach (var target in targets)
                {
                    var after = await KubeObjects.PatchAsync(api.Client, target.Type, target.Namespace, target.Name, ApplyPatch(target), dryRun: false, token).ConfigureAwait(false);
                    done.Add($"{(live.GetValueOrDefault(target) is null ? "created" : "applied")} {target.Label} (resourceVersion {after.ResourceVersion()})");
                }

                return string.Join("; ", done) + ".";
            },
        };
        return await WriteFlow.RunAsync(api, Name, plan, context, ct).ConfigureAwait(false);
    }

    private static async Task<Target> TargetAsync(KubeApi api, JsonObject body, KubeToolContext context, ToolArguments args, CancellationToken ct)
    {
        var apiVersion = body.Str("apiVersion") ?? throw new ToolArgumentException("every object in \"manifest\" needs apiVersion.");
        var kind = body.Str("kind") ?? throw new ToolArgumentException("every object in \"manifest\" needs kind.");
        var name = body.Str("metadata", "name") ?? throw new ToolArgumentException($"a {kind} in \"manifest\" has no metadata.name.");
        var resources = await api.DiscoverAsync(ct).ConfigureAwait(false);
        var type = resources.FirstOrDefault(r => r.ApiVersion == apiVersion && r.Kind == kind)
            ?? throw new UnknownKindException($"{kind} ({apiVersion})", api.Context);
        string? ns = null;
        if (type.Namespaced)
        {
            ns = body.Str("metadata", "namespace") ?? WriteTarget.Namespace(context, args, api);
            body["metadata"]!["namespace"] = ns;
        }

        return new Target(type, ns, name, body, ObjectText.Label(kind, ns, name));
    }

    private static V1Patch ApplyPatch(Target target) => new(target.Body.ToJsonString(), V1Patch.PatchType.ApplyPatch);
}
