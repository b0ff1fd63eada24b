using Inference.Server.Hosting;
using Inference.Server.OpenAi;

namespace Inference.Server.Endpoints;

/// <summary>POST /apply-template (as llama-server has it): a chat request in, the exact prompt the model would get out.</summary>
internal static class ApplyTemplateEndpoint
{
    public static async Task HandleAsync(HttpContext context, ModelHost host, ServerOptions options)
    {
        if (await RequestPipeline.ReadyModelAsync(context, host) is not { } served
            || await RequestPipeline.ParseAsync(context, ChatCompletionRequestParser.ParseAsync, options.MaxBodySize) is not { } request)
        {
            return;
        }

        try
        {
            await HttpResults.WriteJsonAsync(context, new ApplyTemplateResponse(ChatRequestPlan.RenderPrompt(request, served)));
        }
        catch (OpenAiException ex)
        {
            await HttpResults.WriteErrorAsync(context, ex.Error);
        }
    }
}
