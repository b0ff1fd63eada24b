using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using Inference.Engine;
using Prometheus;

namespace Inference.Server.Metrics;

/// <summary>
/// A request's engine stream as its reader sees it, observing the gap between consecutive tokens
/// (engine timestamps, so the client's reading speed does not count) and the final result.
/// </summary>
internal sealed class MeteredEventReader(ChannelReader<GenerationEvent> inner, RequestTelemetry telemetry, Histogram interTokenLatency)
    : ChannelReader<GenerationEvent>
{
    private long _previousTokenAt;

    public override Task Completion => inner.Completion;

    public override bool CanPeek => inner.CanPeek;

    public override bool CanCount => inner.CanCount;

    public override int Count => inner.Count;

    public override bool TryPeek([MaybeNullWhen(false)] out GenerationEvent item) => inner.TryPeek(out item);

    public override bool TryRead([MaybeNullWhen(false)] out GenerationEvent item)
    {
        if (!inner.TryRead(out item))
        {
            return false;
        }

        if (item.Kind == GenerationEventKind.Completed)
        {
            telemetry.Result = item.Result;
        }
        else
        {
            if (_previousTokenAt != 0)
            {
                interTokenLatency.Observe(Stopwatch.GetElapsedTime(_previousTokenAt, item.Timestamp).TotalSeconds);
            }

            _previousTokenAt = item.Timestamp;
        }

        return true;
    }

    public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default) =>
        inner.WaitToReadAsync(cancellationToken);
}
