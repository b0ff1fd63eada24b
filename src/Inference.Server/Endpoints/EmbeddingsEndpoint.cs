using Inference.Server.Embeddings;
using Inference.Server.Hosting;
using Inference.Server.OpenAi;

namespace Inference.Server.Endpoints;

/// <summary>POST /v1/embeddings: OpenAI's request and answer around <see cref="EmbeddingService"/>.</summary>
internal static class EmbeddingsEndpoint
{
    public static async Task HandleAsync(HttpContext context, EmbeddingService service, ServerOptions options)
    {
        if (await RequestPipeline.ParseAsync(context, EmbeddingRequestParser.ParseAsync, options.MaxBodySize) is not { } request)
        {
            return;
        }

        EmbeddingResult result;
        try
        {
            result = await service.EmbedAsync(request.Request, context.RequestAborted);
        }
        catch (OpenAiException ex)
        {
            await HttpResults.WriteErrorAsync(context, ex.Error);
            return;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return; // The client left; its inputs are not computed.
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        EmbeddingResponseWriter.Write(context.Response.BodyWriter, result, request.Base64);
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }
}
