using Inference.Engine;

namespace Inference.Server.OpenAi;

public sealed record CompletionUsage(int PromptTokens, int CompletionTokens)
{
    public int TotalTokens => PromptTokens + CompletionTokens;

    public static CompletionUsage From(GenerationResult result) => new(result.PromptTokens, result.CompletionTokens);
}
