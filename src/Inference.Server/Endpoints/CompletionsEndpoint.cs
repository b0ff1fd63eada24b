using System.Threading.Channels;
using Inference.Engine;
using Inference.Server.Hosting;
using Inference.Server.OpenAi;

namespace Inference.Server.Endpoints;

/// <summary>POST /v1/completions: raw prompt in, text out, streamed (SSE) or not.</summary>
internal static class CompletionsEndpoint
{
    public static async Task HandleAsync(HttpContext context, ModelHost host, ServerOptions options)
    {
        if (await RequestPipeline.ReadyModelAsync(context, host) is not { } served
            || await RequestPipeline.ParseAsync(context, CompletionRequestParser.ParseAsync, options.MaxBodySize) is not { } request
            || !await RequestPipeline.CheckModelAsync(context, served, request.Model))
        {
            return;
        }

        var id = CompletionIds.NewTextCompletionId();
        var events = await RequestPipeline.SubmitAsync(context, served, () => CompletionPlan.Create(request, served, id), g => g, "prompt");
        if (events is null)
        {
            return;
        }

        try
        {
            if (request.Stream)
            {
                await StreamAsync(context, served, request, id, events);
            }
            else
            {
                await CompleteAsync(context, served, id, events);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client left; the engine already freed the slot through the same token.
        }
    }

    private static async Task CompleteAsync(HttpContext context, ServedModel served, string id, ChannelReader<GenerationEvent> events)
    {
        var output = await events.CollectAsync(context.RequestAborted);
        if (output.Result.FinishReason == FinishReason.Cancelled)
        {
            return; // the client left before its abort token reached this read
        }

        if (output.Result.FinishReason == FinishReason.Error)
        {
            await HttpResults.WriteErrorAsync(context, RequestPipeline.EngineFailure(output.Result));
            return;
        }

        await HttpResults.WriteJsonAsync(context, new TextCompletionResponse
        {
            Id = id,
            Created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            Model = served.Id,
            Choices = [new TextCompletionChoice { Text = output.Text, FinishReason = FinishReasons.From(output.Result.FinishReason, calledTools: false) }],
            Usage = CompletionUsage.From(output.Result),
        });
    }

    private static async Task StreamAsync(HttpContext context, ServedModel served, CompletionRequest request, string id, ChannelReader<GenerationEvent> events)
    {
        RequestPipeline.StartEventStream(context);
        var body = context.Response.BodyWriter;
        var writer = new TextCompletionChunkWriter(body, id, served.Id, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), null, request.IncludeUsage);
        await body.FlushAsync(context.RequestAborted);
        await foreach (var e in events.ReadAllAsync(context.RequestAborted))
        {
            if (e.Text.Length > 0)
            {
                writer.WriteText(e.Text);
            }

            if (e.Kind == GenerationEventKind.Completed && e.Result!.FinishReason == FinishReason.Cancelled)
            {
                return; // the client left before its abort token reached this read
            }

            if (e.Kind == GenerationEventKind.Completed)
            {
                if (e.Result!.FinishReason == FinishReason.Error)
                {
                    writer.WriteError(RequestPipeline.EngineFailure(e.Result));
                }
                else
                {
                    writer.WriteFinish(FinishReasons.From(e.Result.FinishReason, calledTools: false));
                    writer.WriteUsageIfRequested(CompletionUsage.From(e.Result));
                }

                writer.WriteDone();
            }

            await body.FlushAsync(context.RequestAborted);
        }
    }
}
