using k8s.Models;
using Inference.Kube.Analysis.Findings;

namespace Inference.Kube.Analysis.Events;

/// <summary>
/// Merges Events as client-go does. Its EventCorrelator counts identical events (same source, object, type,
/// reason and message) into one with <c>count</c>, <c>firstTimestamp</c> and <c>lastTimestamp</c>; and when more than
/// <see cref="SimilarMessageLimit"/> events share everything but the message, it combines them into one
/// "(combined from similar events): ..." event. Newer components write <c>eventTime</c> and <c>series</c> instead of
/// count and timestamps; both forms are read.
/// </summary>
public static class EventAggregator
{
    /// <summary>client-go's defaultAggregateMaxEvents: distinct messages tolerated before combining.</summary>
    public const int SimilarMessageLimit = 10;

    public static IReadOnlyList<AggregatedEvent> Aggregate(IEnumerable<Corev1Event> events)
    {
        var identical = events
            .GroupBy(e => (Object: RefOf(e.InvolvedObject), Type: e.Type ?? "Normal", Reason: e.Reason ?? "", Message: e.Message ?? ""))
            .Select(g => new AggregatedEvent(
                g.Key.Object,
                g.Key.Type,
                g.Key.Reason,
                g.Key.Message,
                g.Sum(CountOf),
                g.Select(FirstSeenOf).Where(t => t is not null).Min(),
                g.Select(LastSeenOf).Where(t => t is not null).Max()));

        var result = new List<AggregatedEvent>();
        foreach (var similar in identical.GroupBy(e => (e.InvolvedObject, e.Type, e.Reason)))
        {
            var list = similar.ToList();
            if (list.Count <= SimilarMessageLimit)
            {
                result.AddRange(list);
                continue;
            }

            var latest = list.MaxBy(e => e.LastSeen ?? DateTimeOffset.MinValue)!;
            result.Add(latest with
            {
                Message = "(combined from similar events): " + latest.Message,
                Count = list.Sum(e => e.Count),
                FirstSeen = list.Select(e => e.FirstSeen).Where(t => t is not null).Min(),
            });
        }

        // Ties broken by reason and message, so the order does not depend on the order the API server listed them in.
        return [.. result.OrderByDescending(e => e.LastSeen ?? DateTimeOffset.MinValue)
            .ThenBy(e => e.Reason, StringComparer.Ordinal).ThenBy(e => e.Message, StringComparer.Ordinal)];
    }

    public static ObjectRef RefOf(V1ObjectReference o) => new(o.Kind ?? "", string.IsNullOrEmpty(o.NamespaceProperty) ? null : o.NamespaceProperty, o.Name ?? "");

    private static int CountOf(Corev1Event e) => e.Series?.Count ?? (e.Count is > 0 ? e.Count.Value : 1);

    private static DateTimeOffset? FirstSeenOf(Corev1Event e) =>
        Utc(e.FirstTimestamp) ?? Utc(e.EventTime) ?? Utc(e.Metadata?.CreationTimestamp);

    private static DateTimeOffset? LastSeenOf(Corev1Event e) =>
        Utc(e.LastTimestamp) ?? Utc(e.Series?.LastObservedTime) ?? Utc(e.EventTime) ?? Utc(e.FirstTimestamp) ?? Utc(e.Metadata?.CreationTimestamp);

    internal static DateTimeOffset? Utc(DateTime? t) =>
        t is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, v.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : v.Kind).ToUniversalTime()) : null;
}
