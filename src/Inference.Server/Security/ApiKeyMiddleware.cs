using Inference.Server.Endpoints;
using Inference.Server.Metrics;
using Inference.Server.OpenAi;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using GrpcStatusCode = global::Grpc.Core.StatusCode;

namespace Inference.Server.Security;

/// <summary>
/// With API keys configured, every HTTP and gRPC call needs <c>Authorization: Bearer &lt;key&gt;</c>, except the
/// endpoints marked <see cref="IAllowAnonymous"/> (health probes; /metrics unless --metrics-require-key).
/// Refusals are a 401 with the OpenAI error body, or UNAUTHENTICATED over gRPC. The key is never logged.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, ApiKeyStore keys)
{
    private const string BearerPrefix = "Bearer ";

    public Task InvokeAsync(HttpContext context)
    {
        if (!keys.IsEnabled
            || context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null
            || HasValidKey(context))
        {
            return next(context);
        }

        if (context.Features.Get<RequestTelemetry>() is { } telemetry)
        {
            telemetry.Outcome = RequestOutcomes.Unauthenticated;
        }

        return IsGrpc(context) ? RefuseGrpc(context) : HttpResults.WriteErrorAsync(context, OpenAiError.InvalidApiKey());
    }

    private bool HasValidKey(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) && keys.IsValid(header[BearerPrefix.Length..].Trim());
    }

    private static bool IsGrpc(HttpContext context) =>
        context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>A trailers-only gRPC answer: the status travels in the headers and there is no body.</summary>
    private static Task RefuseGrpc(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/grpc";
        context.Response.Headers["grpc-status"] = ((int)GrpcStatusCode.Unauthenticated).ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["grpc-message"] = "Missing or invalid API key.";
        return Task.CompletedTask;
    }
}
