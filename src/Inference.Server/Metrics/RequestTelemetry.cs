using System.Threading.Channels;
using Inference.Engine;

namespace Inference.Server.Metrics;

/// <summary>
/// What one HTTP or gRPC request did, for its log line and the request counter. The middleware puts one
/// in the request's features; the endpoint hands it the engine stream it submitted.
/// </summary>
public sealed class RequestTelemetry(InferenceMetrics metrics)
{
    /// <summary>The completion id the endpoint gave the request, when it reached the engine.</summary>
    public string? Id { get; private set; }

    /// <summary>How the engine finished the request, once its stream was read to the end.</summary>
    public GenerationResult? Result { get; internal set; }

    /// <summary>Set where the response status alone does not tell (e.g. a refused API key over gRPC).</summary>
    public string? Outcome { get; set; }

    /// <summary>Wraps the engine stream so that it measures inter-token latency and captures the result.</summary>
    public ChannelReader<GenerationEvent> Track(GenerationRequest request, ChannelReader<GenerationEvent> events)
    {
        Id = request.Id;
        return new MeteredEventReader(events, this, metrics.InterTokenLatency);
    }
}
