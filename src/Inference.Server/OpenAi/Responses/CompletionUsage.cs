using System.Text.Json.Serialization;
using Inference.Engine;

namespace Inference.Server.OpenAi;

/// <summary>OpenAI's usage object; <see cref="PromptTokensDetails"/> says how many prompt tokens came from the prompt cache.</summary>
public sealed record CompletionUsage(int PromptTokens, int CompletionTokens, [property: JsonIgnore] int CachedTokens = 0)
{
    public int TotalTokens => PromptTokens + CompletionTokens;

    public PromptTokensDetails PromptTokensDetails => new(CachedTokens);

    public static CompletionUsage From(GenerationResult result) =>
        new(result.PromptTokens, result.CompletionTokens, result.CachedPromptTokens);
}

/// <summary>OpenAI's <c>usage.prompt_tokens_details</c>: the prompt tokens the server did not have to prefill again.</summary>
public sealed record PromptTokensDetails(int CachedTokens);
