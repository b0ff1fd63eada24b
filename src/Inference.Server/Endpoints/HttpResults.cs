using Inference.Server.OpenAi;

namespace Inference.Server.Endpoints;

/// <summary>Writes JSON bodies and OpenAI-shaped errors straight to the response.</summary>
internal static class HttpResults
{
    public static async Task WriteJsonAsync<T>(HttpContext context, T value, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(OpenAiJson.SerializeToUtf8Bytes(value), context.RequestAborted);
    }

    public static Task WriteErrorAsync(HttpContext context, OpenAiError error)
    {
        if (error.Status == StatusCodes.Status429TooManyRequests)
        {
            context.Response.Headers.RetryAfter = "1";
        }

        return WriteJsonAsync(context, error.ToResponse(), error.Status);
    }
}
