using System.Threading.Channels;
using Grpc.Core;
using Inference.Engine;
using Inference.Protos.V1;
using Inference.Server.Embeddings;
using Inference.Server.Endpoints;
using Inference.Server.Hosting;
using Inference.Server.Metrics;
using Inference.Server.OpenAi;

namespace Inference.Server.Grpc;

/// <summary>
/// inference.v1.Inference over the same engine, validation and chat rendering as the HTTP API.
/// The call's cancellation token (client cancel, deadline) goes into the engine, which frees the slot.
/// </summary>
internal sealed class InferenceGrpcService(ModelHost host, EmbeddingHost embeddingHost, EmbeddingService embeddings) : Protos.V1.Inference.InferenceBase
{
    public override async Task Generate(GenerateRequest request, IServerStreamWriter<GenerateResponse> responseStream, ServerCallContext context)
    {
        var served = ServedModel(request.Model);
        var completion = GrpcRequestMapper.ToCompletionRequest(request);
        var id = CompletionIds.NewTextCompletionId();
        var events = Submit(context, served, CompletionPlan.Create(completion, served, id), "prompt");
        await GenerationStreamWriter.WriteAsync(events, id, responseStream, context.CancellationToken);
    }

    public override async Task Chat(ChatRequest request, IServerStreamWriter<GenerateResponse> responseStream, ServerCallContext context)
    {
        var served = ServedModel(request.Model);
        var chat = GrpcRequestMapper.ToChatRequest(request);
        var id = CompletionIds.NewChatCompletionId();
        var events = Submit(context, served, ChatRequestPlan.Create(chat, served, id).Generation, "messages");
        await GenerationStreamWriter.WriteAsync(events, id, responseStream, context.CancellationToken);
    }

    public override async Task<EmbedResponse> Embed(EmbedRequest request, ServerCallContext context)
    {
        var result = await embeddings.EmbedAsync(
            new EmbeddingRequest
            {
                Model = GrpcRequestMapper.ModelOrNull(request.Model),
                Input = [.. request.Input.Select(EmbeddingInput.FromText)],
                Truncate = request.Truncate,
                Dimensions = request.HasDimensions ? request.Dimensions : null,
            },
            context.CancellationToken);
        var response = new EmbedResponse { Model = result.Model, PromptTokens = result.PromptTokens };
        response.Embeddings.AddRange(result.Vectors.Select(v => new Embedding { Values = { v } }));
        return response;
    }

    public override Task<ListModelsResponse> ListModels(ListModelsRequest request, ServerCallContext context)
    {
        var served = ServedModel("");
        var model = served.Model;
        var response = new ListModelsResponse
        {
            Models =
            {
                new Model
                {
                    Id = served.Id,
                    Created = served.CreatedUnixSeconds,
                    OwnedBy = "inference",
                    ContextLength = served.ContextLength,
                    VocabSize = model.Vocab.TokenCount,
                    Parameters = (long)model.ParameterCount,
                    SizeBytes = (long)model.SizeInBytes,
                    Kind = ModelKinds.Chat,
                },
            },
        };
        if (embeddingHost.Model is { } embedding)
        {
            response.Models.Add(new Model
            {
                Id = embedding.Id,
                Created = embedding.CreatedUnixSeconds,
                OwnedBy = "inference",
                ContextLength = embedding.Model.MaxTokens,
                VocabSize = embedding.Model.VocabularySize,
                Kind = ModelKinds.Embedding,
            });
        }

        return Task.FromResult(response);
    }

    public override Task<TokenizeResponse> Tokenize(TokenizeRequest request, ServerCallContext context)
    {
        var tokenizer = ServedModel(request.Model).Engine.Tokenizer;
        return Task.FromResult(new TokenizeResponse { Tokens = { tokenizer.Tokenize(request.Text, request.AddSpecial, request.ParseSpecial) } });
    }

    public override Task<DetokenizeResponse> Detokenize(DetokenizeRequest request, ServerCallContext context)
    {
        var tokenizer = ServedModel(request.Model).Engine.Tokenizer;
        int[] tokens = [.. request.Tokens];
        SamplingMapper.EnsureInVocabulary(tokens, tokenizer.VocabularySize, "tokens");
        return Task.FromResult(new DetokenizeResponse { Text = tokenizer.Detokenize(tokens, renderSpecial: true) });
    }

    /// <summary>The loaded model, if <paramref name="model"/> (empty = any) names it.</summary>
    private ServedModel ServedModel(string model)
    {
        var served = host.Model ?? throw (host.State == ModelLoadState.Failed
            ? new RpcException(new Status(StatusCode.Unavailable, host.FailureMessage ?? "The model failed."))
            : OpenAiError.ModelLoading().ToException());
        if (GrpcRequestMapper.ModelOrNull(model) is { } named && !string.Equals(named, served.Id, StringComparison.Ordinal))
        {
            embeddings.RejectIfEmbeddingModel(named);
            throw OpenAiError.ModelNotFound(named).ToException();
        }

        return served;
    }

    private static ChannelReader<GenerationEvent> Submit(ServerCallContext context, ServedModel served, GenerationRequest request, string promptParam)
    {
        ChannelReader<GenerationEvent> events;
        try
        {
            events = served.Engine.Submit(request, context.CancellationToken);
        }
        catch (Exception ex) when (EngineErrors.ToOpenAiError(ex, promptParam) is { } error)
        {
            throw error.ToException();
        }

        return context.GetHttpContext().Features.Get<RequestTelemetry>()?.Track(request, events) ?? events;
    }
}
