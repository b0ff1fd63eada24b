namespace Inference.Server.OpenAi;

/// <summary>
/// The one check of prompt + max_tokens against the context, shared by chat, text completions and gRPC:
/// a request that cannot fit is a 400 naming both numbers, never a generation cut off where the context ends.
/// </summary>
internal static class ContextFit
{
    /// <summary><paramref name="param"/> is the request field holding the prompt ("messages" or "prompt").</summary>
    public static void Ensure(int promptTokens, int? maxTokens, int contextSize, string param)
    {
        if (promptTokens >= contextSize)
        {
            throw OpenAiError.ContextLengthExceeded(promptTokens, contextSize, param).ToException();
        }

        if (maxTokens is { } requested && (long)promptTokens + requested > contextSize)
        {
            throw OpenAiError.ContextLengthExceeded(promptTokens, requested, contextSize, param).ToException();
        }
    }
}
