using Inference.Native;
using Inference.Native.Interop;

namespace Inference.Engine;

/// <summary>Builds the llama.cpp sampler chain for a request, in llama.cpp's usual order.</summary>
internal static class SamplerChainFactory
{
    public static LlamaSamplerChain Create(SamplingOptions options, LlamaVocab vocab)
    {
        var chain = new LlamaSamplerChain();
        try
        {
            // The grammar goes first so that no later sampler can leave only forbidden tokens.
            if (!string.IsNullOrEmpty(options.Grammar))
            {
                if (options.GrammarTriggerPatterns is { Count: > 0 } triggers)
                {
                    chain.AddLazyGrammar(vocab, options.Grammar, triggers);
                }
                else
                {
                    chain.AddGrammar(vocab, options.Grammar);
                }
            }

            if (options.LogitBias is { Count: > 0 } bias)
            {
                var biases = bias.Select(b => new LlamaLogitBias { token = b.Key, bias = b.Value }).ToArray();
                chain.AddLogitBias(vocab.TokenCount, biases);
            }

            if (options.RepeatPenalty != 1f || options.PresencePenalty != 0f || options.FrequencyPenalty != 0f)
            {
                chain.AddPenalties(options.PenaltyLastN, options.RepeatPenalty, options.FrequencyPenalty, options.PresencePenalty);
            }

            if (options.IsGreedy)
            {
                return chain.AddGreedy();
            }

            if (options.TopK > 0)
            {
                chain.AddTopK(options.TopK);
            }

            if (options.TopP < 1f)
            {
                chain.AddTopP(options.TopP);
            }

            if (options.MinP > 0f)
            {
                chain.AddMinP(options.MinP);
            }

            return chain
                .AddTemperature(options.Temperature)
                .AddDistribution(options.Seed ?? (uint)Random.Shared.Next());
        }
        catch
        {
            chain.Dispose();
            throw;
        }
    }
}
