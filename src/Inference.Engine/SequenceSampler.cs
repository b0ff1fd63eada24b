using Inference.Native;

namespace Inference.Engine;

/// <summary>
/// Picks a sequence's next token from its logits: llama.cpp's sampler chain for the request's settings, or the argmax
/// itself when the chain would be a bare greedy sampler. Owner thread only.
/// </summary>
internal sealed class SequenceSampler(LlamaSamplerChain chain, bool plainGreedy) : IDisposable
{
    /// <summary>Throws <see cref="LlamaException"/> when llama.cpp refuses the settings (e.g. a grammar it cannot parse).</summary>
    public static SequenceSampler Create(SamplingOptions options, LlamaVocab vocab) =>
        new(SamplerChainFactory.Create(options, vocab), Sampling.IsPlainGreedy(options));

    public int Sample(LlamaContext context, int logitsIndex) =>
        plainGreedy ? Sampling.ArgMax(context.GetLogits(logitsIndex)) : chain.Sample(context, logitsIndex);

    public void Dispose() => chain.Dispose();
}
