using System.Text;
using System.Threading.Channels;
using Inference.Engine;
using Inference.Server.Hosting;
using Inference.Server.OpenAi;
using Inference.ToolCalling;

namespace Inference.Server.Endpoints;

/// <summary>POST /v1/chat/completions, streamed (SSE) or not.</summary>
internal static class ChatCompletionsEndpoint
{
    public static async Task HandleAsync(HttpContext context, ModelHost host, ServerOptions options)
    {
        if (await RequestPipeline.ReadyModelAsync(context, host) is not { } served
            || await RequestPipeline.ParseAsync(context, ChatCompletionRequestParser.ParseAsync, options.MaxBodySize) is not { } request
            || !await RequestPipeline.CheckModelAsync(context, served, request.Model))
        {
            return;
        }

        var id = CompletionIds.NewChatCompletionId();
        ChatRequestPlan? plan = null;
        var events = await RequestPipeline.SubmitAsync(context, served, () => plan = ChatRequestPlan.Create(request, served, id), p => p.Generation, "messages");
        if (events is null || plan is null)
        {
            return;
        }

        try
        {
            if (request.Stream)
            {
                await StreamAsync(context, served, request, plan, id, events);
            }
            else
            {
                await CompleteAsync(context, served, plan, id, events);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client left; the engine already freed the slot through the same token.
        }
    }

    private static async Task CompleteAsync(HttpContext context, ServedModel served, ChatRequestPlan plan, string id, ChannelReader<GenerationEvent> events)
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

        var parsed = plan.ToolFormat?.Parse(output.Text, plan.ToolParseOptions);
        var calledTools = parsed is { ToolCalls.Count: > 0 };
        var response = new ChatCompletionResponse
        {
            Id = id,
            Created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            Model = served.Id,
            Choices =
            [
                new ChatCompletionChoice
                {
                    Message = new AssistantMessage
                    {
                        Content = parsed is null ? output.Text : calledTools && parsed.Content.Length == 0 ? null : parsed.Content,
                        ReasoningContent = parsed?.Reasoning,
                        ToolCalls = calledTools ? [.. parsed!.ToolCalls.Select(AssistantToolCall.From)] : null,
                    },
                    FinishReason = FinishReasons.From(output.Result.FinishReason, calledTools),
                },
            ],
            Usage = CompletionUsage.From(output.Result),
        };
        await HttpResults.WriteJsonAsync(context, response);
    }

    private static async Task StreamAsync(
        HttpContext context, ServedModel served, ChatCompletionRequest request, ChatRequestPlan plan, string id, ChannelReader<GenerationEvent> events)
    {
        RequestPipeline.StartEventStream(context);
        var body = context.Response.BodyWriter;
        var writer = new ChatCompletionChunkWriter(body, id, served.Id, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), null, request.IncludeUsage);
        var toolParser = plan.ToolFormat?.CreateStreamingParser(plan.ToolParseOptions);
        var calledTools = false;
        writer.WriteRoleDelta();
        await body.FlushAsync(context.RequestAborted);

        await foreach (var e in events.ReadAllAsync(context.RequestAborted))
        {
            if (e.Text.Length > 0)
            {
                if (toolParser is null)
                {
                    writer.WriteContentDelta(e.Text);
                }
                else
                {
                    calledTools |= WriteDeltas(writer, toolParser.Push(e.Text));
                }
            }

            if (e.Kind == GenerationEventKind.Completed && e.Result!.FinishReason == FinishReason.Cancelled)
            {
                return; // the client left before its abort token reached this read
            }

            if (e.Kind == GenerationEventKind.Completed)
            {
                var result = e.Result!;
                if (toolParser is not null)
                {
                    calledTools |= WriteDeltas(writer, toolParser.Complete());
                }

                if (result.FinishReason == FinishReason.Error)
                {
                    writer.WriteError(RequestPipeline.EngineFailure(result));
                }
                else
                {
                    writer.WriteFinish(FinishReasons.From(result.FinishReason, calledTools));
                    writer.WriteUsageIfRequested(CompletionUsage.From(result));
                }

                writer.WriteDone();
            }

            // Events already waiting go out in the same write: one flush (one send) for all of them.
            if (!events.TryPeek(out _))
            {
                await body.FlushAsync(context.RequestAborted);
            }
        }
    }

    /// <summary>Writes parser deltas as chunks; true when a tool call was among them.</summary>
    private static bool WriteDeltas(ChatCompletionChunkWriter writer, IReadOnlyList<ChatDelta> deltas)
    {
        var calledTools = false;
        foreach (var delta in deltas)
        {
            switch (delta)
            {
                case ContentDelta content:
                    writer.WriteContentDelta(content.Text);
                    break;
                case ReasoningDelta reasoning:
                    writer.WriteReasoningDelta(reasoning.Text);
                    break;
                case ToolCallDelta call:
                    writer.WriteToolCallDelta(call.Index, call.Id, call.Name, call.Arguments);
                    calledTools = true;
                    break;
            }
        }

        return calledTools;
    }
}
