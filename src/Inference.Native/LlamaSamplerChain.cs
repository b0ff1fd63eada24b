using System.Runtime.InteropServices;
using Inference.Native.Interop;

namespace Inference.Native;

/// <summary>
/// A llama.cpp sampler chain. Samplers are applied in the order added; the last one picks the
/// token (greedy, dist, mirostat). Owned by one thread at a time, like the context it samples.
/// </summary>
public sealed unsafe class LlamaSamplerChain : IDisposable
{
    public LlamaSamplerChain(bool collectPerformance = false)
    {
        NativeLibraryLoader.EnsureRegistered();
        var p = LlamaNative.llama_sampler_chain_default_params();
        p.no_perf = !collectPerformance;
        Handle = new SafeLlamaSamplerHandle(LlamaNative.llama_sampler_chain_init(p));
    }

    public SafeLlamaSamplerHandle Handle { get; }

    public int Count => LlamaNative.llama_sampler_chain_n(Handle);

    /// <summary>Names of the samplers in order, e.g. ["logit-bias", "top-k", "dist"].</summary>
    public IReadOnlyList<string> Names
    {
        get
        {
            var names = new string[Count];
            for (var i = 0; i < names.Length; i++)
            {
                names[i] = Marshal.PtrToStringUTF8(LlamaNative.llama_sampler_name(LlamaNative.llama_sampler_chain_get(Handle, i))) ?? "";
            }

            return names;
        }
    }

    public LlamaSamplerChain AddGreedy() => Add(LlamaNative.llama_sampler_init_greedy(), "greedy");

    /// <summary>Random choice by probability; a fixed seed makes it reproducible.</summary>
    public LlamaSamplerChain AddDistribution(uint seed) => Add(LlamaNative.llama_sampler_init_dist(seed), "dist");

    public LlamaSamplerChain AddTopK(int k) => Add(LlamaNative.llama_sampler_init_top_k(k), "top-k");

    public LlamaSamplerChain AddTopP(float p, int minKeep = 1) => Add(LlamaNative.llama_sampler_init_top_p(p, (nuint)minKeep), "top-p");

    public LlamaSamplerChain AddMinP(float p, int minKeep = 1) => Add(LlamaNative.llama_sampler_init_min_p(p, (nuint)minKeep), "min-p");

    public LlamaSamplerChain AddTypical(float p, int minKeep = 1) => Add(LlamaNative.llama_sampler_init_typical(p, (nuint)minKeep), "typical");

    public LlamaSamplerChain AddTemperature(float t) => Add(LlamaNative.llama_sampler_init_temp(t), "temp");

    public LlamaSamplerChain AddTemperatureExtended(float t, float delta, float exponent) =>
        Add(LlamaNative.llama_sampler_init_temp_ext(t, delta, exponent), "temp-ext");

    public LlamaSamplerChain AddXtc(float p, float t, int minKeep, uint seed) =>
        Add(LlamaNative.llama_sampler_init_xtc(p, t, (nuint)minKeep, seed), "xtc");

    public LlamaSamplerChain AddTopNSigma(float n) => Add(LlamaNative.llama_sampler_init_top_n_sigma(n), "top-n-sigma");

    public LlamaSamplerChain AddMirostat(int vocabSize, uint seed, float tau, float eta, int m = 100) =>
        Add(LlamaNative.llama_sampler_init_mirostat(vocabSize, seed, tau, eta, m), "mirostat");

    public LlamaSamplerChain AddMirostatV2(uint seed, float tau, float eta) =>
        Add(LlamaNative.llama_sampler_init_mirostat_v2(seed, tau, eta), "mirostat-v2");

    /// <summary>Repetition (multiplicative), frequency and presence (additive) penalties over the last <paramref name="lastN"/> tokens.</summary>
    public LlamaSamplerChain AddPenalties(int lastN, float repeat, float frequency, float presence) =>
        Add(LlamaNative.llama_sampler_init_penalties(0, lastN, repeat, frequency, presence), "penalties");

    public LlamaSamplerChain AddLogitBias(int vocabSize, ReadOnlySpan<LlamaLogitBias> biases)
    {
        fixed (LlamaLogitBias* p = biases)
        {
            return Add(LlamaNative.llama_sampler_init_logit_bias(vocabSize, biases.Length, p), "logit-bias");
        }
    }

    /// <summary>Constrains output to a GBNF grammar. Throws <see cref="LlamaException"/> when llama.cpp cannot parse it.</summary>
    public LlamaSamplerChain AddGrammar(LlamaVocab vocab, string grammar, string root = "root")
    {
        var sampler = LlamaNative.llama_sampler_init_grammar(vocab.NativePointer, grammar, root);
        GC.KeepAlive(vocab.Model);
        if (sampler == nint.Zero)
        {
            throw new LlamaException("llama.cpp could not parse the grammar.");
        }

        return Add(sampler, "grammar");
    }

    /// <summary>
    /// A grammar that stays dormant until the output matches one of <paramref name="triggerPatterns"/>
    /// (regular expressions over the whole output; the grammar applies from the first match group on).
    /// </summary>
    public LlamaSamplerChain AddLazyGrammar(LlamaVocab vocab, string grammar, IReadOnlyList<string> triggerPatterns, string root = "root")
    {
        var utf8 = triggerPatterns.Select(p => System.Text.Encoding.UTF8.GetBytes(p + "\0")).ToArray();
        var handles = utf8.Select(b => GCHandle.Alloc(b, GCHandleType.Pinned)).ToArray();
        try
        {
            var pointers = stackalloc byte*[Math.Max(1, handles.Length)];
            for (var i = 0; i < handles.Length; i++)
            {
                pointers[i] = (byte*)handles[i].AddrOfPinnedObject();
            }

            var sampler = LlamaNative.llama_sampler_init_grammar_lazy_patterns(
                vocab.NativePointer, grammar, root, pointers, (nuint)handles.Length, null, 0);
            GC.KeepAlive(vocab.Model);
            if (sampler == nint.Zero)
            {
                throw new LlamaException("llama.cpp could not parse the grammar or its trigger patterns.");
            }

            return Add(sampler, "grammar");
        }
        finally
        {
            foreach (var handle in handles)
            {
                handle.Free();
            }
        }
    }

    /// <summary>Picks a token from output <paramref name="outputIndex"/> of the last decode and accepts it into the chain's state.</summary>
    public int Sample(LlamaContext context, int outputIndex) => LlamaNative.llama_sampler_sample(Handle, context.Handle, outputIndex);

    /// <summary>Applies the chain to candidates without picking (for custom sampling).</summary>
    public void Apply(ref LlamaTokenDataArray candidates)
    {
        fixed (LlamaTokenDataArray* p = &candidates)
        {
            LlamaNative.llama_sampler_apply(Handle, p);
        }
    }

    /// <summary>Feeds a token the chain did not pick itself (prompt tokens for penalties, forced tokens).</summary>
    public void Accept(int token) => LlamaNative.llama_sampler_accept(Handle, token);

    public void Reset() => LlamaNative.llama_sampler_reset(Handle);

    public uint Seed => LlamaNative.llama_sampler_get_seed(Handle);

    public LlamaPerfSamplerData GetPerformance() => LlamaNative.llama_perf_sampler(Handle);

    public void Dispose() => Handle.Dispose();

    private LlamaSamplerChain Add(nint sampler, string what)
    {
        if (sampler == nint.Zero)
        {
            throw new LlamaException($"llama.cpp could not create the {what} sampler.");
        }

        LlamaNative.llama_sampler_chain_add(Handle, sampler);
        return this;
    }
}
