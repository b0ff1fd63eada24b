using System.Text.Json.Nodes;

namespace Inference.Kube.Formatting;

/// <summary>One line of merged events: the same object, type, reason and message, counted once.</summary>
public sealed record AggregatedEvent(
    string? Namespace, string ObjectKind, string ObjectName, string Type, string Reason, string Message,
    long Count, DateTimeOffset? FirstSeen, DateTimeOffset? LastSeen);

/// <summary>
/// Merges events as client-go's recorder does: identical events add up their counts with the first and last time
/// seen; when one object's events of a type and reason carry more than ten different messages they become one
/// "(combined from similar events)" line. Reads both event forms: count/firstTimestamp/lastTimestamp, and
/// eventTime/series (newer components, with the older fields null), and events.k8s.io's regarding/note too.
/// </summary>
public static class EventAggregator
{
    // client-go's EventAggregator: maxEvents = 10 distinct messages before it combines them.
    private const int MaxDistinctMessages = 10;

    public static IReadOnlyList<AggregatedEvent> Aggregate(IEnumerable<JsonObject> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var merged = events.Select(Read)
            .GroupBy(e => (e.Namespace, e.ObjectKind, e.ObjectName, e.Type, e.Reason, e.Message))
            .Select(g => Merge(g, g.Key.Message));
        var combined = merged
            .GroupBy(e => (e.Namespace, e.ObjectKind, e.ObjectName, e.Type, e.Reason))
            .SelectMany(g => g.Count() > MaxDistinctMessages
                ? [Merge(g, "(combined from similar events): " + g.OrderBy(e => e.LastSeen).Last().Message)]
                : g.AsEnumerable());
        return combined
            .OrderByDescending(e => e.Type == "Warning")
            .ThenByDescending(e => e.LastSeen)
            .ToList();
    }

    public static AggregatedEvent Read(JsonObject e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var regarding = e["involvedObject"] ?? e["regarding"];
        var first = e.Time("firstTimestamp") ?? e.Time("deprecatedFirstTimestamp") ?? e.Time("eventTime")
            ?? e.Time("metadata.creationTimestamp");
        var last = e.Time("lastTimestamp") ?? e.Time("series.lastObservedTime") ?? e.Time("deprecatedLastTimestamp")
            ?? e.Time("eventTime") ?? first;
        var count = new[] { e.Long("count"), e.Long("series.count"), e.Long("deprecatedCount") }
            .FirstOrDefault(n => n > 0) ?? 1;
        return new AggregatedEvent(
            regarding.Str("namespace") ?? e.Namespace(),
            regarding.Str("kind") ?? "",
            regarding.Str("name") ?? "",
            e.Str("type") ?? "Normal",
            e.Str("reason") ?? "",
            (e.Str("message") ?? e.Str("note") ?? "").Trim(),
            count, first, last);
    }

    private static AggregatedEvent Merge(IEnumerable<AggregatedEvent> group, string message)
    {
        var list = group.ToList();
        return list[0] with
        {
            Message = message,
            Count = list.Sum(e => e.Count),
            FirstSeen = list.Min(e => e.FirstSeen),
            LastSeen = list.Max(e => e.LastSeen),
        };
    }
}
