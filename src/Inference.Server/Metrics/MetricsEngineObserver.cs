using Inference.Engine;

namespace Inference.Server.Metrics;

/// <summary>Feeds the engine's measurements into <see cref="InferenceMetrics"/>. Runs on the engine's owner thread.</summary>
public sealed class MetricsEngineObserver(InferenceMetrics metrics) : EngineObserver
{
    // Owner-thread totals behind the throughput gauges.
    private long _prefilledTokens;
    private double _prefillSeconds;
    private long _decodedTokens;
    private double _decodeSeconds;

    public override void OnStep(int batchTokens, int decodeTokens, int prefillTokens, int busySlots, TimeSpan duration)
    {
        metrics.EngineSteps.Inc();
        metrics.PromptTokens.Inc(prefillTokens);
        metrics.StepBatchTokens.Observe(batchTokens);
        metrics.StepBusySlots.Observe(busySlots);
        metrics.StepDuration.Observe(duration.TotalSeconds);
    }

    public override void OnPreempted() => metrics.Preemptions.Inc();

    public override void OnCompleted(GenerationResult result)
    {
        var timings = result.Timings;
        metrics.GenerationTokens.Inc(result.CompletionTokens);
        metrics.PrefixCacheQueries.Inc(result.PromptTokens);
        metrics.PrefixCacheHits.Inc(result.CachedPromptTokens);
        metrics.PromptLength.Observe(result.PromptTokens);
        metrics.OutputLength.Observe(result.CompletionTokens);
        metrics.EndToEndLatency.Observe(timings.Total.TotalSeconds);
        if (timings.AdmittedAt != 0)
        {
            metrics.QueueTime.Observe(timings.QueueTime.TotalSeconds);
        }

        if (timings.FirstTokenAt == 0)
        {
            return;
        }

        metrics.TimeToFirstToken.Observe(timings.TimeToFirstToken.TotalSeconds);
        metrics.PrefillTime.Observe(timings.PrefillTime.TotalSeconds);
        metrics.DecodeTime.Observe(timings.DecodeTime.TotalSeconds);

        _prefilledTokens += result.PromptTokens - result.CachedPromptTokens;
        _prefillSeconds += timings.PrefillTime.TotalSeconds;
        metrics.PromptThroughput.Set(_prefillSeconds > 0 ? _prefilledTokens / _prefillSeconds : 0);

        // The first token came out of the prefill; the rest out of decode steps.
        _decodedTokens += result.CompletionTokens - 1;
        _decodeSeconds += timings.DecodeTime.TotalSeconds;
        metrics.GenerationThroughput.Set(_decodeSeconds > 0 ? _decodedTokens / _decodeSeconds : 0);
    }
}
