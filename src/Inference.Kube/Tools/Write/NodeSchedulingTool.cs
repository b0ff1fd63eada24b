using System.Text.Json;
using Inference.Kube.Writes;
using k8s.Models;

namespace Inference.Kube.Tools.Write;

/// <summary>cordon (no new pods on the node) and uncordon, as kubectl: spec.unschedulable.</summary>
internal sealed class NodeSchedulingTool(bool cordon) : KubeTool
{
    private static readonly JsonElement Schema = ToolSchema.WithContext()
        .String("node", "node name", required: true)
        .Build();

    public override string Name => cordon ? "cordon" : "uncordon";

    public override string Description => cordon
        ? "Mark a node unschedulable: no new pods go there, running pods stay (previewed, needs approval)."
        : "Mark a node schedulable again (previewed, needs approval).";

    public override JsonElement Parameters => Schema;

    public override bool IsWrite => true;

    public override async Task<string> RunAsync(JsonElement arguments, KubeToolContext context, CancellationToken ct)
    {
        var args = new ToolArguments(arguments);
        var node = args.RequiredString("node");
        var api = WriteTarget.Api(context, args);
        var type = await api.ResolveAsync("nodes", ct).ConfigureAwait(false);
        var patch = new V1Patch(cordon ? "{\"spec\":{\"unschedulable\":true}}" : "{\"spec\":{\"unschedulable\":null}}", V1Patch.PatchType.MergePatch);
        var plan = WritePlans.Patch(api, type, null, node, patch, $"{Name} Node/{node}");
        return await WriteFlow.RunAsync(api, Name, plan, context, ct).ConfigureAwait(false);
    }
}
