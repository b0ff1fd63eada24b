using System.Runtime.InteropServices;

namespace Inference.Native.Interop;

// Samplers are created as raw pointers and handed to a chain, which owns and frees them.
public static unsafe partial class LlamaNative
{
    [LibraryImport(LibLlama)]
    public static partial nint llama_sampler_chain_init(LlamaSamplerChainParams parameters);

    [LibraryImport(LibLlama)]
    public static partial void llama_sampler_chain_add(SafeLlamaSamplerHandle chain, nint sampler);

    [LibraryImport(LibLlama)]
    public static partial int llama_sampler_chain_n(SafeLlamaSamplerHandle chain);

    [LibraryImport(LibLlama)]
    public static partial nint llama_sampler_chain_get(SafeLlamaSamplerHandle chain, int i);

    [LibraryImport(LibLlama)]
    public static partial nint llama_sampler_name(nint sampler);

    [LibraryImport(LibLlama)]
    public static partial void llama_sampler_accept(SafeLlamaSamplerHandle sampler, int token);

    [LibraryImport(LibLlama)]
    public static partial void llama_sampler_apply(SafeLlamaSamplerHandle sampler, LlamaTokenDataArray* curP);

    [LibraryImport(LibLlama)]
    public static partial void llama_sampler_reset(SafeLlamaSamplerHandle sampler);

    [LibraryImport(LibLlama)]
    public static partial nint llama_sampler_clone(SafeLlamaSamplerHandle sampler);

    [LibraryImport(LibLlama)]
    public static partial void llama_sampler_free(nint sampler);

    [LibraryImport(LibLlama)]
    public static partial uint llama_sampler_get_seed(SafeLlamaSamplerHandle sampler);

    [LibraryImport(LibLlama)]
    public static partial int llama_sampler_sample(SafeLlamaSamplerHandle sampler, SafeLlamaContextHandle ctx, int idx);

    [LibraryImport(LibLlama)] public static partial nint llama_sampler_init_greedy();
    [LibraryImport(LibLlama)] public static partial nint llama_sampler_init_dist(uint seed);
    [LibraryImport(LibLlama)] public static partial nint llama_sampler_init_top_k(int k);
    [LibraryImport(LibLlama)] public static partial nint llama_sampler_init_top_p(float p, nuint minKeep);
    [LibraryImport(LibLlama)] public static partial nint llama_sampler_init_min_p(float p, nuint minKeep);
    [LibraryImport(LibLlama)] public static partial nint llama_sampler_init_typical(float p, nuint minKeep);
    [LibraryImport(LibLlama)] public static partial nint llama_sampler_init_temp(float t);
    [LibraryImport(LibLlama)] public static partial nint llama_sampler_init_temp_ext(float t, float delta, float exponent);
    [LibraryImport(LibLlama)] public static partial nint llama_sampler_init_xtc(float p, float t, nuint minKeep, uint seed);
    [LibraryImport(LibLlama)] public static partial nint llama_sampler_init_top_n_sigma(float n);
    [LibraryImport(LibLlama)] public static partial nint llama_sampler_init_mirostat(int nVocab, uint seed, float tau, float eta, int m);
    [LibraryImport(LibLlama)] public static partial nint llama_sampler_init_mirostat_v2(uint seed, float tau, float eta);

    [LibraryImport(LibLlama, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint llama_sampler_init_grammar(nint vocab, string grammarStr, string grammarRoot);

    [LibraryImport(LibLlama, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint llama_sampler_init_grammar_lazy_patterns(
        nint vocab, string grammarStr, string grammarRoot,
        byte** triggerPatterns, nuint numTriggerPatterns,
        int* triggerTokens, nuint numTriggerTokens);

    [LibraryImport(LibLlama)]
    public static partial nint llama_sampler_init_penalties(int nVocab, int penaltyLastN, float penaltyRepeat, float penaltyFreq, float penaltyPresent);

    [LibraryImport(LibLlama)]
    public static partial nint llama_sampler_init_dry(nint vocab, float dryMultiplier, float dryBase, int dryAllowedLength, int dryPenaltyLastN, byte** seqBreakers, nuint numBreakers);

    [LibraryImport(LibLlama)]
    public static partial nint llama_sampler_init_logit_bias(int nVocab, int nLogitBias, LlamaLogitBias* logitBias);

    [LibraryImport(LibLlama)]
    public static partial nint llama_sampler_init_infill(nint vocab);
}
