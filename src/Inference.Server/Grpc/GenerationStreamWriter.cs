using System.Threading.Channels;
using Grpc.Core;
using Inference.Engine;
using Inference.Protos.V1;
using Inference.Server.OpenAi;
using FinishReason = Inference.Engine.FinishReason;
using ProtoFinishReason = Inference.Protos.V1.FinishReason;

namespace Inference.Server.Grpc;

/// <summary>Streams an engine request as gRPC messages: one per token, then one with the finish reason and usage.</summary>
internal static class GenerationStreamWriter
{
    public static async Task WriteAsync(
        ChannelReader<GenerationEvent> events, string id, IServerStreamWriter<GenerateResponse> stream, CancellationToken cancellationToken)
    {
        await foreach (var e in events.ReadAllAsync(cancellationToken))
        {
            if (e.Kind == GenerationEventKind.Token)
            {
                await stream.WriteAsync(new GenerateResponse { Id = id, Text = e.Text, TokenId = e.TokenId }, cancellationToken);
                continue;
            }

            var result = e.Result!;
            switch (result.FinishReason)
            {
                case FinishReason.Error:
                    throw new RpcException(new Status(StatusCode.Internal, result.Error ?? "The engine could not finish the request."));
                case FinishReason.Cancelled:
                    throw new RpcException(new Status(StatusCode.Cancelled, "The request was cancelled."));
            }

            await stream.WriteAsync(new GenerateResponse { Id = id, Text = e.Text, Completion = ToCompletion(result) }, cancellationToken);
        }
    }

    private static Completion ToCompletion(GenerationResult result) => new()
    {
        FinishReason = result.FinishReason == FinishReason.Stop ? ProtoFinishReason.Stop : ProtoFinishReason.Length,
        Usage = new Usage
        {
            PromptTokens = result.PromptTokens,
            CompletionTokens = result.CompletionTokens,
            TotalTokens = CompletionUsage.From(result).TotalTokens,
            CachedPromptTokens = result.CachedPromptTokens,
        },
    };
}
