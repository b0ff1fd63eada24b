using Inference.Server.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Inference.Server.Grpc;

/// <summary>Backs grpc.health.v1: SERVING only while every configured model is loaded, the engine runs and the server is not draining.</summary>
internal sealed class ModelHealthCheck(ModelHost host, EmbeddingHost embeddings) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(host.State != ModelLoadState.Ready
            ? HealthCheckResult.Unhealthy(host.FailureMessage ?? $"The model is {host.State.ToString().ToLowerInvariant()}.")
            : embeddings.NotReadyError is { } notReady
                ? HealthCheckResult.Unhealthy(notReady.Message)
                : HealthCheckResult.Healthy());
}
