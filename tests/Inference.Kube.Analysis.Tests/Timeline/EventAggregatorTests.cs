using k8s.Models;
using Inference.Kube.Analysis.Events;
using static Inference.Kube.Analysis.Tests.Analyzers.Build;

namespace Inference.Kube.Analysis.Tests.Timeline;

public sealed class EventAggregatorTests
{
    [Fact]
    public void Repeats_merge_with_summed_counts_and_the_first_and_last_times()
    {
        var a = Event("Pod", "p", "BackOff", "Back-off restarting failed container", count: 5, lastAgo: TimeSpan.FromMinutes(10));
        var b = Event("Pod", "p", "BackOff", "Back-off restarting failed container", count: 3, lastAgo: TimeSpan.FromMinutes(1));
        var merged = Assert.Single(EventAggregator.Aggregate([a, b]));
        Assert.Equal(8, merged.Count);
        Assert.Equal(Now - TimeSpan.FromMinutes(1), merged.LastSeen);
        Assert.Equal(Now - TimeSpan.FromMinutes(40), merged.FirstSeen);
    }

    [Fact]
    public void The_eventTime_and_series_form_is_read_like_the_count_form()
    {
        var e = new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = "x", NamespaceProperty = "app" },
            InvolvedObject = new V1ObjectReference { Kind = "Pod", Name = "p", NamespaceProperty = "app" },
            Reason = "FailedScheduling",
            Message = "0/3 nodes are available",
            Type = "Warning",
            EventTime = Ago(TimeSpan.FromHours(2)),
            Series = new Corev1EventSeries { Count = 26, LastObservedTime = Ago(TimeSpan.FromMinutes(3)) },
        };
        var merged = Assert.Single(EventAggregator.Aggregate([e]));
        Assert.Equal((26, Now - TimeSpan.FromHours(2), Now - TimeSpan.FromMinutes(3)), (merged.Count, merged.FirstSeen!.Value, merged.LastSeen!.Value));
    }

    [Fact]
    public void More_than_ten_similar_messages_are_combined_as_client_go_does()
    {
        var events = Enumerable.Range(0, 12).Select(i => Event("Pod", "p", "Unhealthy", $"Readiness probe failed: attempt {i}", lastAgo: TimeSpan.FromMinutes(12 - i))).ToList();
        var merged = Assert.Single(EventAggregator.Aggregate(events));
        Assert.StartsWith("(combined from similar events): Readiness probe failed: attempt 11", merged.Message, StringComparison.Ordinal);
        Assert.Equal(12, merged.Count);

        var few = EventAggregator.Aggregate(events.Take(10));
        Assert.Equal(10, few.Count);
    }
}
