using System.Threading.Channels;
using Inference.Engine;
using Inference.Server.Embeddings;
using Inference.Server.Hosting;
using Inference.Server.Metrics;
using Inference.Server.OpenAi;

namespace Inference.Server.Endpoints;

/// <summary>The steps every generation endpoint shares; each writes its own error and returns null on failure.</summary>
internal static class RequestPipeline
{
    public static async Task<ServedModel?> ReadyModelAsync(HttpContext context, ModelHost host)
    {
        if (host.Model is { } served)
        {
            return served;
        }

        await HttpResults.WriteErrorAsync(context, OpenAiError.ModelLoading());
        return null;
    }

    public static async Task<T?> ParseAsync<T>(HttpContext context, Func<Stream, CancellationToken, Task<T>> parse, long maxBodySize)
        where T : class
    {
        try
        {
            return await parse(context.Request.Body, context.RequestAborted);
        }
        catch (OpenAiException ex)
        {
            await HttpResults.WriteErrorAsync(context, ex.Error);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await HttpResults.WriteErrorAsync(context, OpenAiError.RequestTooLarge(maxBodySize));
        }

        return null;
    }

    /// <summary>The "model" field is optional; when given it must name the served model (the embedding model: a 400).</summary>
    public static async Task<bool> CheckModelAsync(HttpContext context, ServedModel served, string? model)
    {
        if (model is null || string.Equals(model, served.Id, StringComparison.Ordinal))
        {
            return true;
        }

        try
        {
            context.RequestServices.GetRequiredService<EmbeddingService>().RejectIfEmbeddingModel(model);
            await HttpResults.WriteErrorAsync(context, OpenAiError.ModelNotFound(model));
        }
        catch (OpenAiException ex)
        {
            await HttpResults.WriteErrorAsync(context, ex.Error);
        }

        return false;
    }

    /// <summary>Builds the engine request (client errors become 400s) and submits it, cancelled with the client's connection.</summary>
    public static async Task<ChannelReader<GenerationEvent>?> SubmitAsync<TPlan>(
        HttpContext context, ServedModel served, Func<TPlan> plan, Func<TPlan, GenerationRequest> request, string promptParam)
    {
        try
        {
            var generation = request(plan());
            var events = served.Engine.Submit(generation, context.RequestAborted);
            return context.Features.Get<RequestTelemetry>()?.Track(generation, events) ?? events;
        }
        catch (OpenAiException ex)
        {
            await HttpResults.WriteErrorAsync(context, ex.Error);
        }
        catch (Exception ex) when (EngineErrors.ToOpenAiError(ex, promptParam) is { } error)
        {
            await HttpResults.WriteErrorAsync(context, error);
        }

        return null;
    }

    public static void StartEventStream(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
    }

    /// <summary>The error of a request the engine could not finish (not the client's fault: a 500).</summary>
    public static OpenAiError EngineFailure(GenerationResult result) =>
        OpenAiError.Internal(result.Error ?? "The engine could not finish the request.");
}
