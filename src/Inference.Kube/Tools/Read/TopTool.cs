using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Inference.Kube.Formatting;

namespace Inference.Kube.Tools.Read;

internal sealed class TopTool : KubeTool
{
    private const string MetricsGroup = "metrics.k8s.io";

    private static readonly JsonElement Schema = ToolSchema.WithContext()
        .String("kind", "nodes or pods", true, "nodes", "pods")
        .String("namespace", "pods: namespace; default: the context's namespace")
        .Boolean("all_namespaces", "pods: across all namespaces")
        .String("sort_by", "cpu (default) or memory", false, "cpu", "memory")
        .Build();

    public override string Name => "top";

    public override string Description =>
        "CPU and memory use of nodes or pods from metrics.k8s.io (metrics-server); says so when the cluster has none.";

    public override JsonElement Parameters => Schema;

    public override ResultShape Shape => ResultShape.Table;

    public override string NarrowingHint => "narrow with namespace";

    public override async Task<string> RunAsync(JsonElement arguments, KubeToolContext context, CancellationToken ct)
    {
        var args = new ToolArguments(arguments);
        var kind = args.RequiredString("kind").ToLowerInvariant() switch
        {
            "nodes" or "node" or "no" => "nodes",
            "pods" or "pod" or "po" => "pods",
            _ => throw new ToolArgumentException("\"kind\" must be nodes or pods."),
        };
        var byMemory = args.String("sort_by") == "memory";
        var api = ReadHelpers.Api(context, args);
        var metricsType = (await api.DiscoverAsync(ct).ConfigureAwait(false))
            .FirstOrDefault(r => r.Group == MetricsGroup && r.Plural == kind);
        if (metricsType is null)
        {
            return $"Resource metrics are not available in context {api.Context}: the cluster does not serve {MetricsGroup} "
                + "(metrics-server is not installed or not ready). Use cluster_overview for capacity and allocatable, "
                + "or describe_resource on a pod for its requests and limits.";
        }

        var ns = kind == "pods" && !args.Bool("all_namespaces") ? ReadHelpers.Namespace(context, args, api) : null;
        var items = await ReadHelpers.ListAsync(api, metricsType, ns, null, null, ct).ConfigureAwait(false);
        if (items.Count == 0)
            return $"No {kind} metrics {(ns is null ? "" : "in namespace " + ns + " ")}(context {api.Context}).";

        var rows = items.Select(i =>
        {
            List<JsonNode?> usages = kind == "nodes" ? [i["usage"]] : [.. i.Objects("containers").Select(c => c["usage"])];
            var cpu = usages.Sum(u => Quantity.Parse(u.Str("cpu")) ?? 0);
            var memory = usages.Sum(u => Quantity.Parse(u.Str("memory")) ?? 0);
            return (Item: i, Cpu: cpu, Memory: memory);
        }).OrderByDescending(r => byMemory ? r.Memory : r.Cpu).ToList();

        var allocatable = kind == "nodes" ? await NodeAllocatableAsync(api, ct).ConfigureAwait(false) : [];
        var withNamespace = kind == "pods" && ns is null;
        var table = kind == "nodes"
            ? new TextTable("NAME", "CPU(cores)", "CPU%", "MEMORY(bytes)", "MEMORY%")
            : new TextTable(withNamespace ? ["NAMESPACE", "NAME", "CPU(cores)", "MEMORY(bytes)"] : ["NAME", "CPU(cores)", "MEMORY(bytes)"]);
        foreach (var (item, cpu, memory) in rows)
        {
            if (kind == "nodes")
            {
                var (allocCpu, allocMemory) = allocatable.GetValueOrDefault(item.Name());
                table.Add(item.Name(), Quantity.Cores(cpu), Percent(cpu, allocCpu), Quantity.Bytes(memory), Percent(memory, allocMemory));
            }
            else
            {
                string[] cells = [item.Name(), Quantity.Cores(cpu), Quantity.Bytes(memory)];
                table.Add(withNamespace ? [item.Namespace() ?? "", .. cells] : cells);
            }
        }

        return $"{kind} by {(byMemory ? "memory" : "CPU")} use (context {api.Context}):\n{table}";
    }

    private static async Task<Dictionary<string, (decimal Cpu, decimal Memory)>> NodeAllocatableAsync(
        Access.KubeApi api, CancellationToken ct)
    {
        var nodes = await ReadHelpers.ListAsync(api, await api.ResolveAsync("nodes", ct).ConfigureAwait(false), null, null, null, ct)
            .ConfigureAwait(false);
        return nodes.ToDictionary(n => n.Name(), n => (
            Quantity.Parse(n.Str("status.allocatable.cpu")) ?? 0,
            Quantity.Parse(n.Str("status.allocatable.memory")) ?? 0));
    }

    private static string Percent(decimal used, decimal of) =>
        of <= 0 ? "<unknown>" : string.Create(CultureInfo.InvariantCulture, $"{Math.Round(used * 100 / of)}%");
}
