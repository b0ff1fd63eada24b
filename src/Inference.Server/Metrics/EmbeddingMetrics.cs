using Prometheus;

namespace Inference.Server.Metrics;

/// <summary>Metrics of the embedding models, labelled by model id; in the server's registry (README.md, "Metrics").</summary>
public sealed class EmbeddingMetrics
{
    private static readonly double[] LatencyBuckets = [.. Histogram.ExponentialBuckets(0.001, 2, 16)]; // 1 ms … ~33 s

    public EmbeddingMetrics(InferenceMetrics metrics)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(metrics.Registry);
        Inputs = factory.CreateCounter("inference_embedding_inputs_total", "Inputs embedded, by model.", "model");
        Tokens = factory.CreateCounter("inference_embedding_tokens_total", "Tokens of embedded inputs (special tokens included), by model.", "model");
        Duration = factory.CreateHistogram(
            "inference_embedding_request_duration_seconds", "From queueing an embeddings request until its last vector, by model.",
            new HistogramConfiguration { Buckets = LatencyBuckets, LabelNames = ["model"] });
    }

    public Counter Inputs { get; }

    public Counter Tokens { get; }

    public Histogram Duration { get; }
}
