using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Microsoft.AspNetCore.Http.Features;

namespace Inference.Server.Metrics;

/// <summary>
/// Counts every request by route and outcome and logs one line per request: id, route, prompt and
/// output tokens, time to first token, total time, outcome. Probes and scrapes log at Debug only.
/// </summary>
public sealed class RequestTelemetryMiddleware(RequestDelegate next, InferenceMetrics metrics, ILogger<RequestTelemetryMiddleware> logger)
{
    private static readonly HashSet<string> QuietRoutes = ["/health", "/health/live", "/metrics", "/grpc.health.v1.Health/Check", "/grpc.health.v1.Health/Watch"];

    public async Task InvokeAsync(HttpContext context)
    {
        var telemetry = new RequestTelemetry(metrics);
        context.Features.Set(telemetry);
        var started = Stopwatch.GetTimestamp();
        var threw = false;
        try
        {
            await next(context);
        }
        catch
        {
            threw = true; // the exception handler before this middleware answers 500; the status is not set yet
            throw;
        }
        finally
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            var outcome = threw ? RequestOutcomes.Error : Outcome(context, telemetry);
            metrics.Requests.WithLabels(route, outcome).Inc();
            Log(route, outcome, telemetry, Stopwatch.GetElapsedTime(started));
        }
    }

    private static string Outcome(HttpContext context, RequestTelemetry telemetry)
    {
        if (telemetry.Outcome is { } set)
        {
            return set;
        }

        if (GrpcStatus(context) is { } grpcStatus)
        {
            return RequestOutcomes.FromGrpcStatus(grpcStatus);
        }

        if (context.RequestAborted.IsCancellationRequested)
        {
            return RequestOutcomes.Cancelled;
        }

        var byStatus = RequestOutcomes.FromHttpStatus(context.Response.StatusCode);
        return byStatus == RequestOutcomes.Ok && telemetry.Result is { } result
            ? RequestOutcomes.FromFinish(result.FinishReason) ?? byStatus
            : byStatus;
    }

    /// <summary>The grpc-status a gRPC call ended with: in the trailers, or in the headers of a trailers-only answer.</summary>
    private static StatusCode? GrpcStatus(HttpContext context)
    {
        var trailers = context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers;
        var text = trailers?["grpc-status"].ToString() is { Length: > 0 } fromTrailers ? fromTrailers : context.Response.Headers["grpc-status"].ToString();
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? (StatusCode)code : null;
    }

    private void Log(string route, string outcome, RequestTelemetry telemetry, TimeSpan elapsed)
    {
        var level = QuietRoutes.Contains(route) ? LogLevel.Debug : LogLevel.Information;
        if (!logger.IsEnabled(level))
        {
            return;
        }

        if (telemetry.Result is { } result)
        {
            logger.Log(
                level,
                "request {Id} {Route} {Outcome}: prompt_tokens={PromptTokens} output_tokens={OutputTokens} ttft_ms={TtftMs:F1} total_ms={TotalMs:F1}",
                telemetry.Id, route, outcome, result.PromptTokens, result.CompletionTokens,
                result.Timings.TimeToFirstToken.TotalMilliseconds, elapsed.TotalMilliseconds);
        }
        else
        {
            logger.Log(level, "request {Id} {Route} {Outcome}: total_ms={TotalMs:F1}", telemetry.Id ?? "-", route, outcome, elapsed.TotalMilliseconds);
        }
    }
}
