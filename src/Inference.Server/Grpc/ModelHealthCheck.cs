using Inference.Server.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Inference.Server.Grpc;

/// <summary>Backs grpc.health.v1: SERVING only while the model is loaded, its engine runs and the server is not draining.</summary>
internal sealed class ModelHealthCheck(ModelHost host) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(host.State == ModelLoadState.Ready
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy(host.FailureMessage ?? $"The model is {host.State.ToString().ToLowerInvariant()}."));
}
