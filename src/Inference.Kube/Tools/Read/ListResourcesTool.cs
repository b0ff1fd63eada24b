using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Inference.Kube.Formatting;

namespace Inference.Kube.Tools.Read;

internal sealed class ListResourcesTool : KubeTool
{
    private static readonly JsonElement Schema = ToolSchema.WithContext()
        .String("kind", "resource type: kind, plural, singular or short name (pod, deploy, svc, nodes, events, a CRD)", required: true)
        .String("namespace", "namespace; default: the context's namespace")
        .Boolean("all_namespaces", "list across all namespaces")
        .String("label_selector", "label selector, e.g. app=web,tier!=db")
        .String("field_selector", "field selector, e.g. status.phase!=Running or spec.nodeName=node-1")
        .Build();

    public override string Name => "list_resources";

    public override string Description =>
        "List resources of one kind (any kind, CRDs too) with kubectl-like columns; rows with problems come first.";

    public override JsonElement Parameters => Schema;

    public override ResultShape Shape => ResultShape.Table;

    public override string NarrowingHint =>
        "narrow with namespace, label_selector or field_selector (e.g. status.phase!=Running)";

    public override async Task<string> RunAsync(JsonElement arguments, KubeToolContext context, CancellationToken ct)
    {
        var args = new ToolArguments(arguments);
        var api = ReadHelpers.Api(context, args);
        var type = await api.ResolveAsync(args.RequiredString("kind"), ct).ConfigureAwait(false);
        var all = args.Bool("all_namespaces");
        var ns = type.Namespaced && !all ? ReadHelpers.Namespace(context, args, api) : null;
        if (type.Kind == "Event")
            await ReadHelpers.GuardSecretsAsync(context, api, ns, ct).ConfigureAwait(false);
        var items = await ReadHelpers.ListAsync(api, type, ns, args.String("label_selector"), args.String("field_selector"), ct)
            .ConfigureAwait(false);
        if (type.Kind == "Secret")
            foreach (var secret in items)
                ObjectSanitizer.Learn(secret, context.Redactor);

        var where = !type.Namespaced ? "(cluster-scoped)" : ns is null ? "in all namespaces" : $"in namespace {ns}";
        if (items.Count == 0)
            return $"No {type.FullName} found {where} (context {api.Context}).";

        var now = context.Clock.GetUtcNow();
        var columns = KindColumns.For(type.Kind);
        var withNamespace = type.Namespaced && ns is null;
        var table = new TextTable(withNamespace ? ["NAMESPACE", .. columns.Header] : columns.Header);
        var ordered = items
            .Select(o => (Item: o, Problem: columns.IsProblem(o)))
            .OrderByDescending(r => r.Problem)
            .ThenBy(r => r.Item.Namespace(), StringComparer.Ordinal)
            .ThenBy(r => r.Item.Name(), StringComparer.Ordinal)
            .ToList();
        foreach (var (item, _) in ordered)
        {
            var cells = columns.Row(item, now);
            table.Add(withNamespace ? [item.Namespace() ?? "", .. cells] : cells);
        }

        var problems = ordered.Count(r => r.Problem);
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{items.Count} {type.FullName} {where} (context {api.Context}){(problems > 0 ? $"; {problems} need attention, listed first" : "")}:");
        return summary + "\n" + table;
    }
}
