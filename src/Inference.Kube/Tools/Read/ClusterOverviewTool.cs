using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Inference.Kube.Analysis.Events;
using Inference.Kube.Formatting;

namespace Inference.Kube.Tools.Read;

internal sealed class ClusterOverviewTool : KubeTool
{
    private const string Gpu = "nvidia.com/gpu";

    private static readonly JsonElement Schema = ToolSchema.WithContext().Build();

    public override string Name => "cluster_overview";

    public override string Description =>
        "Cluster version and nodes: Ready state, CPU, memory and nvidia.com/gpu capacity/allocatable, taints; pod counts.";

    public override JsonElement Parameters => Schema;

    public override ResultShape Shape => ResultShape.Table;

    public override string NarrowingHint => "use list_resources kind=nodes with a label_selector";

    public override async Task<string> RunAsync(JsonElement arguments, KubeToolContext context, CancellationToken ct)
    {
        var args = new ToolArguments(arguments);
        var api = ReadHelpers.Api(context, args);
        var version = await api.GetJsonAsync("/version", null, ct).ConfigureAwait(false);
        var nodes = await ReadHelpers.ListAsync(api, await api.ResolveAsync("nodes", ct).ConfigureAwait(false), null, null, null, ct)
            .ConfigureAwait(false);
        var pods = await ReadHelpers.ListAsync(api, await api.ResolveAsync("pods", ct).ConfigureAwait(false), null, null, null, ct)
            .ConfigureAwait(false);

        var ready = nodes.Count(n => n.Condition("Ready")?.Str("status") == "True");
        var problemPods = pods.Count(PodStatus.IsProblem);
        var phases = string.Join(", ", pods.GroupBy(p => PodStatus.Status(p)).OrderByDescending(g => g.Count())
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {g.Key}")));
        var summary = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Context {api.Context}, server {api.Server}, Kubernetes {version.Str("gitVersion")}; ")
            .Append(CultureInfo.InvariantCulture, $"{ready}/{nodes.Count} nodes Ready; ")
            .Append(CultureInfo.InvariantCulture, $"{pods.Count} pods ({(phases.Length == 0 ? "none" : phases)}), {problemPods} need attention; ")
            .Append("CPU/MEMORY/GPU columns: allocatable/capacity. Nodes (problems first):");

        var now = context.Clock.GetUtcNow();
        var table = new TextTable("NAME", "STATUS", "ROLES", "AGE", "VERSION", "CPU", "MEMORY", "GPU", "PODS", "TAINTS");
        foreach (var node in nodes.OrderByDescending(n => KindColumns.NodeStatus(n) != "Ready").ThenBy(n => n.Name(), StringComparer.Ordinal))
        {
            var podsOnNode = pods.Count(p => p.Str("spec.nodeName") == node.Name() && p.Str("status.phase") is not ("Succeeded" or "Failed"));
            table.Add(node.Name(), KindColumns.NodeStatus(node), KindColumns.Roles(node),
                Age.Since(node.Time("metadata.creationTimestamp"), now), node.Str("status.nodeInfo.kubeletVersion") ?? "",
                Pair(node, "cpu", Quantity.Cores), Pair(node, "memory", Quantity.Bytes), Pair(node, Gpu, g => g.ToString("0", CultureInfo.InvariantCulture)),
                podsOnNode.ToString(CultureInfo.InvariantCulture), Taints(node));
        }

        var totals = Totals(nodes);
        return $"{summary}\n{table}\n{totals}";
    }

    private static string Pair(JsonNode node, string resource, Func<decimal, string> format)
    {
        var capacity = Quantity.Parse(Resource(node, "capacity", resource));
        var allocatable = Quantity.Parse(Resource(node, "allocatable", resource));
        if (capacity is null && allocatable is null)
            return "-";
        return $"{(allocatable is { } a ? format(a) : "?")}/{(capacity is { } c ? format(c) : "?")}";
    }

    // Resource names contain dots and slashes (nvidia.com/gpu), so they are looked up as keys, not paths.
    private static string? Resource(JsonNode node, string field, string resource) =>
        node.Map("status." + field).FirstOrDefault(p => p.Key == resource).Value?.ToString();

    private static string Taints(JsonNode node)
    {
        var taints = node.Objects("spec.taints")
            .Select(t => $"{t.Str("key")}{(t.Str("value") is { } v ? "=" + v : "")}:{t.Str("effect")}")
            .ToList();
        return taints.Count == 0 ? "<none>" : string.Join(',', taints);
    }

    private static string Totals(List<JsonObject> nodes)
    {
        decimal Sum(string field, string resource) =>
            nodes.Sum(n => Quantity.Parse(Resource(n, field, resource)) ?? 0);
        var gpus = Sum("capacity", Gpu);
        var gpuText = gpus > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{Gpu} {Sum("allocatable", Gpu):0}/{gpus:0}")
            : $"no node reports {Gpu}";
        return string.Create(CultureInfo.InvariantCulture,
            $"Total allocatable/capacity: CPU {Quantity.Cores(Sum("allocatable", "cpu"))}/{Quantity.Cores(Sum("capacity", "cpu"))}, memory {Quantity.Bytes(Sum("allocatable", "memory"))}/{Quantity.Bytes(Sum("capacity", "memory"))}, {gpuText}");
    }
}
