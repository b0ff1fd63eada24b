using Prometheus;

namespace Inference.Server.Metrics;

/// <summary>
/// Every metric the server exports at /metrics, in a registry of its own per server instance (tests run
/// several servers in one process). The names and their meaning are listed in README.md, "Metrics".
/// </summary>
public sealed class InferenceMetrics
{
    private static readonly double[] LatencyBuckets = [.. Histogram.ExponentialBuckets(0.001, 2, 18)]; // 1 ms … ~2 min
    private static readonly double[] TokenBuckets = [.. Histogram.ExponentialBuckets(1, 2, 18)];       // 1 … 131072 tokens

    public InferenceMetrics()
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);

        Requests = factory.CreateCounter("inference_requests_total", "Requests answered, by route and outcome.", "route", "outcome");
        PromptTokens = factory.CreateCounter("inference_prompt_tokens_total", "Prompt tokens processed (prefilled).");
        GenerationTokens = factory.CreateCounter("inference_generation_tokens_total", "Tokens generated.");
        PrefixCacheQueries = factory.CreateCounter("inference_prefix_cache_queries_total", "Prompt tokens looked up in the prefix cache.");
        PrefixCacheHits = factory.CreateCounter("inference_prefix_cache_hits_total", "Prompt tokens found in the prefix cache.");
        EngineSteps = factory.CreateCounter("inference_engine_steps_total", "Engine steps (llama_decode calls).");
        Preemptions = factory.CreateCounter("inference_preemptions_total", "Requests pushed out of a full KV cache, to be recomputed when room returns.");

        TimeToFirstToken = Seconds(factory, "inference_time_to_first_token_seconds", "From submission to the engine until the first token.");
        InterTokenLatency = Seconds(factory, "inference_inter_token_latency_seconds", "Between two consecutive tokens of a request.");
        EndToEndLatency = Seconds(factory, "inference_request_duration_seconds", "From submission to the engine until the request finished.");
        QueueTime = Seconds(factory, "inference_queue_time_seconds", "Waiting for a slot.");
        PrefillTime = Seconds(factory, "inference_prefill_time_seconds", "From taking a slot until the first token (prompt processing).");
        DecodeTime = Seconds(factory, "inference_decode_time_seconds", "From the first token until the request finished.");
        PromptLength = Tokens(factory, "inference_request_prompt_tokens", "Prompt length of each request.");
        OutputLength = Tokens(factory, "inference_request_output_tokens", "Tokens generated for each request.");
        StepBatchTokens = Tokens(factory, "inference_step_batch_tokens", "Tokens in each engine step (decode tokens plus prompt chunks).");
        StepBusySlots = Tokens(factory, "inference_step_busy_slots", "Slots holding a request at each engine step.");
        StepDuration = Seconds(factory, "inference_step_duration_seconds", "Time of each engine step in llama_decode.");

        RequestsRunning = factory.CreateGauge("inference_requests_running", "Requests holding a slot.");
        RequestsWaiting = factory.CreateGauge("inference_requests_waiting", "Requests queued for a slot.");
        SlotsBusy = factory.CreateGauge("inference_slots_busy", "Slots holding a request.");
        SlotsTotal = factory.CreateGauge("inference_slots_total", "Slots (--parallel).");
        KvCacheUsageRatio = factory.CreateGauge("inference_kv_cache_usage_ratio", "Share of KV cache cells in use (1 = full).");
        KvCacheTokens = factory.CreateGauge("inference_kv_cache_tokens", "KV cache cells in use.");
        KvCacheSharedTokens = factory.CreateGauge(
            "inference_kv_cache_shared_tokens", "KV cache cells saved by sharing: requests that took a prompt prefix's cells from another slot instead of holding copies.");
        PromptThroughput = factory.CreateGauge("inference_prompt_tokens_per_second", "Average prompt processing speed of finished requests.");
        GenerationThroughput = factory.CreateGauge("inference_generation_tokens_per_second", "Average generation speed of finished requests.");
        ModelLoadState = factory.CreateGauge("inference_model_load_state", "1 for the state the model is in, 0 for the others.", "state");
    }

    public CollectorRegistry Registry { get; } = new();

    public Counter Requests { get; }

    public Counter PromptTokens { get; }

    public Counter GenerationTokens { get; }

    public Counter PrefixCacheQueries { get; }

    public Counter PrefixCacheHits { get; }

    public Counter EngineSteps { get; }

    public Counter Preemptions { get; }

    public Histogram TimeToFirstToken { get; }

    public Histogram InterTokenLatency { get; }

    public Histogram EndToEndLatency { get; }

    public Histogram QueueTime { get; }

    public Histogram PrefillTime { get; }

    public Histogram DecodeTime { get; }

    public Histogram PromptLength { get; }

    public Histogram OutputLength { get; }

    public Histogram StepBatchTokens { get; }

    public Histogram StepBusySlots { get; }

    public Histogram StepDuration { get; }

    public Gauge RequestsRunning { get; }

    public Gauge RequestsWaiting { get; }

    public Gauge SlotsBusy { get; }

    public Gauge SlotsTotal { get; }

    public Gauge KvCacheUsageRatio { get; }

    public Gauge KvCacheTokens { get; }

    public Gauge KvCacheSharedTokens { get; }

    public Gauge PromptThroughput { get; }

    public Gauge GenerationThroughput { get; }

    public Gauge ModelLoadState { get; }

    private static Histogram Seconds(IMetricFactory factory, string name, string help) =>
        factory.CreateHistogram(name, help, new HistogramConfiguration { Buckets = LatencyBuckets });

    private static Histogram Tokens(IMetricFactory factory, string name, string help) =>
        factory.CreateHistogram(name, help, new HistogramConfiguration { Buckets = TokenBuckets });
}
