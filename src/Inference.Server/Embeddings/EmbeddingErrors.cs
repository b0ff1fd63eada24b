using Inference.Server.OpenAi;

namespace Inference.Server.Embeddings;

/// <summary>The 400s particular to embeddings and to routing a request to the right kind of model.</summary>
internal static class EmbeddingErrors
{
    /// <summary>As OpenAI: at most 2,048 inputs per request.</summary>
    public const int MaxInputs = 2048;

    public static OpenAiException NotAnEmbeddingModel(string model) =>
        OpenAiError.InvalidRequest(
            $"The model '{model}' is a chat model and does not support embeddings; send an embedding model.", "model", "model_not_supported").ToException();

    public static OpenAiException NotAChatModel(string model) =>
        OpenAiError.InvalidRequest(
            $"The model '{model}' is an embedding model; it only answers /v1/embeddings.", "model", "model_not_supported").ToException();

    public static OpenAiException NoEmbeddingModel(string chatModel) =>
        OpenAiError.InvalidRequest(
            $"This server serves no embedding model (start it with --embedding-model), only the chat model '{chatModel}'.", "model", "model_not_supported").ToException();

    public static OpenAiException InputTooLong(int index, int tokens, int maxTokens) =>
        OpenAiError.InvalidRequest(
            $"input[{index}] has {tokens} tokens, more than this model's maximum input length of {maxTokens} tokens. "
            + "Shorten it, or send \"truncate\": true to cut it to the limit.",
            $"input[{index}]",
            "context_length_exceeded").ToException();
}
