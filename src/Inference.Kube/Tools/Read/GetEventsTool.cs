using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Inference.Kube.Access;
using Age = Inference.Kube.Analysis.Events.Age;
using Inference.Kube.Formatting;

namespace Inference.Kube.Tools.Read;

internal sealed class GetEventsTool : KubeTool
{
    private static readonly JsonElement Schema = ToolSchema.WithContext()
        .String("namespace", "namespace; default: the context's namespace")
        .Boolean("all_namespaces", "events of all namespaces")
        .String("kind", "only events about objects of this kind (with name)")
        .String("name", "only events about the object of this name")
        .String("type", "Warning or Normal", false, "Warning", "Normal")
        .Build();

    public override string Name => "get_events";

    public override string Description =>
        "Recent events, Warning first, repeats merged with count, first and last seen; optionally for one object.";

    public override JsonElement Parameters => Schema;

    public override ResultShape Shape => ResultShape.Table;

    public override string NarrowingHint => "narrow with namespace, type=Warning, or kind and name";

    public override async Task<string> RunAsync(JsonElement arguments, KubeToolContext context, CancellationToken ct)
    {
        var args = new ToolArguments(arguments);
        var api = ReadHelpers.Api(context, args);
        var ns = args.Bool("all_namespaces") ? null : ReadHelpers.Namespace(context, args, api);
        await ReadHelpers.GuardSecretsAsync(context, api, ns, ct).ConfigureAwait(false);
        var name = args.String("name");
        string? kind = null;
        if (args.String("kind") is { } kindText)
            kind = (await api.ResolveAsync(kindText, ct).ConfigureAwait(false)).Kind;
        var type = args.String("type");
        var events = await EventsAsync(api, ns, kind, name, type, ct).ConfigureAwait(false);
        var about = name is null ? "" : $" about {kind ?? "object"} {name}";
        var where = ns is null ? "in all namespaces" : $"in namespace {ns}";
        if (events.Count == 0)
            return $"No {(type is null ? "" : type + " ")}events{about} {where} (context {api.Context}). Events live one hour after their last occurrence.";
        return Format(events, ns is null, context.Clock.GetUtcNow(),
            $"{events.Count} event groups{about} {where} (context {api.Context}), Warning first, newest first:");
    }

    /// <summary>Events about an object (kind may be null), merged; describe_resource reuses this.</summary>
    public static async Task<IReadOnlyList<AggregatedEvent>> EventsAsync(
        KubeApi api, string? ns, string? kind, string? name, string? type, CancellationToken ct)
    {
        var eventType = await api.ResolveAsync("events", ct).ConfigureAwait(false);
        var selector = string.Join(',', new[]
        {
            name is null ? null : "involvedObject.name=" + name,
            kind is null ? null : "involvedObject.kind=" + kind,
            type is null ? null : "type=" + type,
        }.OfType<string>());
        var items = await ReadHelpers.ListAsync(api, eventType, ns, null, selector.Length == 0 ? null : selector, ct)
            .ConfigureAwait(false);
        // Filtered here too: a server may ignore field selectors it does not index.
        return EventAggregator.Aggregate(items)
            .Where(e => (name is null || e.ObjectName == name) && (kind is null || e.ObjectKind == kind)
                && (type is null || string.Equals(e.Type, type, StringComparison.OrdinalIgnoreCase)))
            .ToList();
    }

    public static string Format(IReadOnlyList<AggregatedEvent> events, bool withNamespace, DateTimeOffset now, string summary)
    {
        string[] header = ["LAST SEEN", "TYPE", "REASON", "OBJECT", "COUNT", "FIRST SEEN", "MESSAGE"];
        var table = new TextTable(withNamespace ? ["NAMESPACE", .. header] : header);
        foreach (var e in events)
        {
            string[] cells =
            [
                Age.Since(e.LastSeen, now), e.Type, e.Reason, $"{e.ObjectKind.ToLowerInvariant()}/{e.ObjectName}",
                e.Count.ToString(CultureInfo.InvariantCulture), Age.Since(e.FirstSeen, now), e.Message,
            ];
            table.Add(withNamespace ? [e.Namespace ?? "", .. cells] : cells);
        }

        return summary + "\n" + table;
    }
}
