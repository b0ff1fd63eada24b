using System.Diagnostics;
using Inference.Embeddings;
using Inference.Server.Hosting;
using Inference.Server.Metrics;
using Inference.Server.OpenAi;

namespace Inference.Server.Embeddings;

/// <summary>
/// The one implementation behind <c>POST /v1/embeddings</c> and gRPC <c>Embed</c>: routes the request's model,
/// validates every input against it, tokenizes, and waits for the batcher. Failures are <see cref="OpenAiException"/>s,
/// which each protocol turns into its own error shape.
/// </summary>
public sealed class EmbeddingService(EmbeddingHost embeddings, ModelHost chat, EmbeddingMetrics metrics)
{
    public async Task<EmbeddingResult> EmbedAsync(EmbeddingRequest request, CancellationToken cancellationToken)
    {
        var served = Route(request.Model);
        var model = served.Model;
        if (request.Dimensions is { } dimensions && dimensions != model.Dimensions)
        {
            throw RequestErrors.Unsupported(
                "dimensions", $"the model '{served.Id}' gives {model.Dimensions}-dimensional vectors and cannot shorten them to {dimensions}.");
        }

        var sequences = Sequences(request, model);
        var started = Stopwatch.GetTimestamp();
        float[][] vectors;
        try
        {
            vectors = await served.Batcher.EmbedAsync(sequences, cancellationToken);
        }
        catch (EmbeddingQueueFullException full)
        {
            throw OpenAiError.QueueFull(full.MaxQueue).ToException();
        }
        catch (ObjectDisposedException)
        {
            throw OpenAiError.ShuttingDown().ToException();
        }

        var tokens = sequences.Sum(s => s.Length);
        metrics.Inputs.WithLabels(served.Id).Inc(sequences.Length);
        metrics.Tokens.WithLabels(served.Id).Inc(tokens);
        metrics.Duration.WithLabels(served.Id).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        return new EmbeddingResult(served.Id, vectors, tokens);
    }

    /// <summary>Throws the 400 for a chat or completion request that names the embedding model.</summary>
    public void RejectIfEmbeddingModel(string? model)
    {
        if (model is not null && embeddings.Configured && embeddings.Model is { } served && string.Equals(model, served.Id, StringComparison.Ordinal))
        {
            throw EmbeddingErrors.NotAChatModel(model);
        }
    }

    /// <summary>The embedding model the request names (none named: the server's), or the error saying why not.</summary>
    private ServedEmbeddingModel Route(string? model)
    {
        // The server drains as a whole: embeddings stop being accepted with chat (and /health) on SIGTERM.
        if (chat.State == ModelLoadState.Draining)
        {
            throw OpenAiError.ShuttingDown().ToException();
        }

        var chatId = chat.Model?.Id;
        if (model is not null && string.Equals(model, chatId, StringComparison.Ordinal))
        {
            throw EmbeddingErrors.NotAnEmbeddingModel(model);
        }

        if (!embeddings.Configured)
        {
            throw model is null ? EmbeddingErrors.NoEmbeddingModel(chatId ?? "(loading)") : OpenAiError.ModelNotFound(model).ToException();
        }

        if (embeddings.NotReadyError is { } notReady)
        {
            throw notReady.ToException();
        }

        var served = embeddings.Model!;
        return model is null || string.Equals(model, served.Id, StringComparison.Ordinal)
            ? served
            : throw OpenAiError.ModelNotFound(model).ToException();
    }

    private static int[][] Sequences(EmbeddingRequest request, IEmbeddingModel model)
    {
        if (request.Input.Count == 0)
        {
            throw RequestErrors.InvalidValue("input", "expected at least one item, but got none.");
        }

        if (request.Input.Count > EmbeddingErrors.MaxInputs)
        {
            throw RequestErrors.InvalidValue("input", $"expected at most {EmbeddingErrors.MaxInputs} items, but got {request.Input.Count} instead.");
        }

        var sequences = new int[request.Input.Count][];
        var maxContent = model.MaxTokens - model.SpecialTokenCount;
        for (var i = 0; i < sequences.Length; i++)
        {
            var content = Content(request.Input[i], i, model);
            if (content.Length > maxContent)
            {
                content = request.Truncate
                    ? content[..maxContent]
                    : throw EmbeddingErrors.InputTooLong(i, content.Length + model.SpecialTokenCount, model.MaxTokens);
            }

            sequences[i] = model.Sequence(content);
        }

        return sequences;
    }

    private static int[] Content(EmbeddingInput input, int index, IEmbeddingModel model)
    {
        var param = $"input[{index}]";
        if (input.Text is { } text)
        {
            return string.IsNullOrEmpty(text)
                ? throw RequestErrors.InvalidValue(param, "expected a non-empty string, but got an empty one instead.")
                : model.Tokenize(text);
        }

        var tokens = input.Tokens!;
        if (tokens.Length == 0)
        {
            throw RequestErrors.InvalidValue(param, "expected at least one token id, but got an empty array instead.");
        }

        var outside = Array.FindIndex(tokens, t => t < 0 || t >= model.VocabularySize);
        return outside < 0
            ? tokens
            : throw RequestErrors.OutOfRange($"{param}[{outside}]", $"a token id from 0 to {model.VocabularySize - 1}", tokens[outside].ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
