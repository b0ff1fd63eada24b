using Inference.Engine;

namespace Inference.Server.OpenAi;

/// <summary>Maps validated request parameters onto the engine's request types.</summary>
public static class SamplingMapper
{
    /// <summary>
    /// The sampling options for a request. Fields the client left out take their value from
    /// <paramref name="defaults"/> (the server's configured defaults; the engine's neutral ones when null:
    /// temperature 1 as in OpenAI, no top-k/top-p/min-p, no penalties). Temperature 0 means greedy.
    /// Logit-bias token ids outside [0, <paramref name="vocabSize"/>) are a 400.
    /// </summary>
    public static SamplingOptions ToSamplingOptions(GenerationParameters parameters, int vocabSize, SamplingOptions? defaults = null)
    {
        defaults ??= new SamplingOptions();
        return defaults with
        {
            Temperature = parameters.Temperature ?? defaults.Temperature,
            TopK = parameters.TopK ?? defaults.TopK,
            TopP = parameters.TopP ?? defaults.TopP,
            MinP = parameters.MinP ?? defaults.MinP,
            Seed = parameters.Seed ?? defaults.Seed,
            RepeatPenalty = parameters.RepeatPenalty ?? defaults.RepeatPenalty,
            PresencePenalty = parameters.PresencePenalty ?? defaults.PresencePenalty,
            FrequencyPenalty = parameters.FrequencyPenalty ?? defaults.FrequencyPenalty,
            PenaltyLastN = parameters.RepeatLastN ?? defaults.PenaltyLastN,
            LogitBias = parameters.LogitBias.Count > 0 ? InVocabulary(parameters.LogitBias, vocabSize) : defaults.LogitBias,
            Grammar = parameters.Grammar ?? defaults.Grammar,
        };
    }

    /// <summary>
    /// The whole engine request. The sampling's grammar is the raw grammar field; an endpoint that compiles
    /// response_format or forced tool calls into GBNF replaces it with <c>request with { Sampling = … }</c>.
    /// </summary>
    public static GenerationRequest ToGenerationRequest(
        GenerationParameters parameters,
        IReadOnlyList<int> promptTokens,
        int vocabSize,
        string? requestId,
        SamplingOptions? defaults = null) =>
        new()
        {
            PromptTokens = promptTokens,
            Sampling = ToSamplingOptions(parameters, vocabSize, defaults),
            MaxTokens = parameters.MaxTokens,
            Stop = parameters.Stop,
            IgnoreEndOfGeneration = parameters.IgnoreEos,
            Id = requestId,
        };

    /// <summary>For prompts given as token ids: every id must be in the vocabulary, else a 400 naming <paramref name="param"/>.</summary>
    public static void EnsureInVocabulary(IReadOnlyList<int> tokens, int vocabSize, string param)
    {
        foreach (var token in tokens)
        {
            if ((uint)token >= (uint)vocabSize)
            {
                throw RequestErrors.InvalidValue(param, $"token id {token} is outside the model's vocabulary of {vocabSize} tokens.");
            }
        }
    }

    private static IReadOnlyDictionary<int, float> InVocabulary(IReadOnlyDictionary<int, float> bias, int vocabSize)
    {
        foreach (var tokenId in bias.Keys)
        {
            if (tokenId >= vocabSize)
            {
                throw RequestErrors.InvalidValue("logit_bias", $"token id {tokenId} is outside the model's vocabulary of {vocabSize} tokens.");
            }
        }

        return bias;
    }
}
