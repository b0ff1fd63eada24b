using System.Text.Json;
using Inference.Kube.Access;
using Inference.Kube.Writes;

namespace Inference.Kube.Tools.Write;

internal sealed class DeleteResourceTool : KubeTool
{
    private static readonly JsonElement Schema = ToolSchema.WithContext()
        .String("kind", "kind, plural or short name (pod, deployment, cm, ...)", required: true)
        .String("name", "object name", required: true)
        .String("namespace", "namespace; default: the context's (ignored for cluster-scoped kinds)")
        .Build();

    public override string Name => "delete_resource";

    public override string Description =>
        "Delete one object; its dependents (by ownerReferences) go with it. Previewed with every object that goes, needs approval.";

    public override JsonElement Parameters => Schema;

    public override bool IsWrite => true;

    public override async Task<string> RunAsync(JsonElement arguments, KubeToolContext context, CancellationToken ct)
    {
        var args = new ToolArguments(arguments);
        var name = args.RequiredString("name");
        var api = WriteTarget.Api(context, args);
        var type = await api.ResolveAsync(args.RequiredString("kind"), ct).ConfigureAwait(false);
        var ns = WriteTarget.NamespaceFor(type, context, args, api);
        var label = ObjectText.Label(type.Kind, ns, name);
        var plan = new WritePlan
        {
            Summary = $"delete {label}",
            Checks = [new AccessCheck("delete", type, ns, name)],
            DryRun = async token =>
            {
                var live = await KubeObjects.GetAsync(api.Client, type, ns, name, token).ConfigureAwait(false);
                await KubeObjects.DeleteAsync(api.Client, type, ns, name, dryRun: true, token).ConfigureAwait(false);
                var dependents = await Dependents.FindAsync(api, live, type.Kind, ns, token).ConfigureAwait(false);
                var all = new[] { label }.Concat(dependents).ToList();
                return $"deletes {all.Count} object{(all.Count == 1 ? "" : "s")}:\n" + string.Join('\n', all.Select(o => "- " + o));
            },
            Commit = async token =>
            {
                await KubeObjects.DeleteAsync(api.Client, type, ns, name, dryRun: false, token).ConfigureAwait(false);
                return $"deleted {label}; the garbage collector removes its dependents.";
            },
        };
        return await WriteFlow.RunAsync(api, Name, plan, context, ct).ConfigureAwait(false);
    }
}
