using System.Globalization;
using System.Text.Json;
using Inference.Kube.Writes;
using k8s.Models;

namespace Inference.Kube.Tools.Write;

internal sealed class ScaleTool : KubeTool
{
    private static readonly string[] Scalable = ["Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"];

    private static readonly JsonElement Schema = ToolSchema.WithContext()
        .String("kind", "deployment (default), statefulset or replicaset")
        .String("name", "object name", required: true)
        .String("namespace", "namespace; default: the context's")
        .Integer("replicas", "desired replica count (0 or more)", required: true)
        .Build();

    public override string Name => "scale";

    public override string Description => "Set the replica count of a deployment, statefulset or replicaset (previewed, needs approval).";

    public override JsonElement Parameters => Schema;

    public override bool IsWrite => true;

    public override async Task<string> RunAsync(JsonElement arguments, KubeToolContext context, CancellationToken ct)
    {
        var args = new ToolArguments(arguments);
        var name = args.RequiredString("name");
        var replicas = args.Int("replicas", 0, 100_000) ?? throw new ToolArgumentException("\"replicas\" is required.");
        var api = WriteTarget.Api(context, args);
        var type = await api.ResolveAsync(args.String("kind") ?? "deployment", ct).ConfigureAwait(false);
        if (!Scalable.Contains(type.Kind))
            throw new ToolArgumentException($"scale works on {string.Join(", ", Scalable)}, not {type.Kind}.");
        var ns = WriteTarget.NamespaceFor(type, context, args, api);
        var patch = new V1Patch($"{{\"spec\":{{\"replicas\":{replicas.ToString(CultureInfo.InvariantCulture)}}}}}", V1Patch.PatchType.MergePatch);
        var plan = WritePlans.Patch(api, type, ns, name, patch, $"scale {ObjectText.Label(type.Kind, ns, name)} to {replicas} replicas");
        return await WriteFlow.RunAsync(api, Name, plan, context, ct).ConfigureAwait(false);
    }
}
