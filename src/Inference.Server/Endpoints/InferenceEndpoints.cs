using Inference.Server.Hosting;
using Inference.Server.OpenAi;

namespace Inference.Server.Endpoints;

/// <summary>All HTTP routes of the server.</summary>
public static class InferenceEndpoints
{
    public static WebApplication MapInferenceEndpoints(this WebApplication app)
    {
        // Probes send no API key.
        app.MapGet("/health", Health).AllowAnonymous();
        app.MapGet("/health/live", Live).AllowAnonymous();
        app.MapGet("/v1/models", Models);
        app.MapGet("/models", Models);
        app.MapPost("/v1/chat/completions", ChatCompletionsEndpoint.HandleAsync);
        app.MapPost("/chat/completions", ChatCompletionsEndpoint.HandleAsync);
        app.MapPost("/v1/completions", CompletionsEndpoint.HandleAsync);
        app.MapPost("/completions", CompletionsEndpoint.HandleAsync);
        app.MapPost("/apply-template", ApplyTemplateEndpoint.HandleAsync);
        app.MapPost("/v1/embeddings", EmbeddingsEndpoint.HandleAsync);
        app.MapPost("/embeddings", EmbeddingsEndpoint.HandleAsync);
        app.MapFallback((HttpContext context) => HttpResults.WriteErrorAsync(context,
            new OpenAiError(StatusCodes.Status404NotFound, $"Unknown route: {context.Request.Method} {context.Request.Path}", OpenAiError.InvalidRequestType, null, "not_found")));
        return app;
    }

    /// <summary>503 while a model loads or the server drains (readiness), 200 while it serves every configured model.</summary>
    private static Task Health(HttpContext context, ModelHost host, EmbeddingHost embeddings) => host.State switch
    {
        ModelLoadState.Ready when embeddings.NotReadyError is { } notReady => HttpResults.WriteErrorAsync(context, notReady),
        ModelLoadState.Ready => HttpResults.WriteJsonAsync(context, new HealthStatus("ok")),
        ModelLoadState.Draining => HttpResults.WriteErrorAsync(context, OpenAiError.ShuttingDown()),
        ModelLoadState.Failed => HttpResults.WriteErrorAsync(context, Failure(host)),
        _ => HttpResults.WriteErrorAsync(context, OpenAiError.ModelLoading()),
    };

    /// <summary>Liveness: 200 while the process can serve (or still load); 503 once the engine died, so that the kubelet restarts the pod.</summary>
    private static Task Live(HttpContext context, ModelHost host) =>
        host.EngineFailed ? HttpResults.WriteErrorAsync(context, Failure(host)) : HttpResults.WriteJsonAsync(context, new HealthStatus("ok"));

    private static OpenAiError Failure(ModelHost host) =>
        new(StatusCodes.Status503ServiceUnavailable, host.FailureMessage ?? "The model failed.", OpenAiError.ServerErrorType, null,
            host.EngineFailed ? "engine_failed" : "model_load_failed");

    private static ModelCard EmbeddingCard(ServedEmbeddingModel served) => new()
    {
        Id = served.Id,
        Created = served.CreatedUnixSeconds,
        OwnedBy = "inference",
        Kind = ModelKinds.Embedding,
        Meta = new ModelMeta { NCtx = served.Model.MaxTokens, NVocab = served.Model.VocabularySize, NEmbd = served.Model.Dimensions },
    };

    private static Task Models(HttpContext context, ModelHost host, EmbeddingHost embeddings)
    {
        if (host.Model is not { } served)
        {
            return HttpResults.WriteErrorAsync(context, OpenAiError.ModelLoading());
        }

        var card = new ModelCard
        {
            Id = served.Id,
            Created = served.CreatedUnixSeconds,
            OwnedBy = "inference",
            Kind = ModelKinds.Chat,
            Meta = new ModelMeta
            {
                NCtx = served.ContextLength,
                NCtxTrain = served.Model.ContextLengthTrained,
                NVocab = served.Model.Vocab.TokenCount,
                NEmbd = served.Model.EmbeddingSize,
                NParams = (long)served.Model.ParameterCount,
                Size = (long)served.Model.SizeInBytes,
            },
        };
        return HttpResults.WriteJsonAsync(context, new ModelList(embeddings.Model is { } embedding ? [card, EmbeddingCard(embedding)] : [card]));
    }
}

