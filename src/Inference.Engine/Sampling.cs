using System.Numerics;
using System.Runtime.InteropServices;

namespace Inference.Engine;

/// <summary>The greedy fast path: argmax over the logits, without llama.cpp's per-call candidate array of n_vocab entries.</summary>
internal static class Sampling
{
    /// <summary>True when the sampler chain would be a bare greedy sampler (no grammar, bias or penalties).</summary>
    public static bool IsPlainGreedy(SamplingOptions options) =>
        options.IsGreedy
        && string.IsNullOrEmpty(options.Grammar)
        && options.LogitBias is not { Count: > 0 }
        && options.RepeatPenalty == 1f && options.PresencePenalty == 0f && options.FrequencyPenalty == 0f;

    /// <summary>Index of the largest logit, the first one on ties (as llama.cpp's greedy sampler picks).</summary>
    public static int ArgMax(ReadOnlySpan<float> logits)
    {
        if (logits.IsEmpty)
        {
            throw new ArgumentException("No logits.", nameof(logits));
        }

        var width = Vector<float>.Count;
        var i = 0;
        var max = logits[0];
        if (Vector.IsHardwareAccelerated && logits.Length >= 2 * width)
        {
            // Pass 1: the maximum value, a vector at a time.
            var vectors = MemoryMarshal.Cast<float, Vector<float>>(logits);
            var best = vectors[0];
            for (var v = 1; v < vectors.Length; v++)
            {
                best = Vector.Max(best, vectors[v]);
            }

            for (var lane = 0; lane < width; lane++)
            {
                max = Math.Max(max, best[lane]);
            }

            i = vectors.Length * width;
        }

        for (var j = i; j < logits.Length; j++)
        {
            max = Math.Max(max, logits[j]);
        }

        // Pass 2: its first position.
        var index = logits.IndexOf(max);
        return index >= 0 ? index : 0; // NaN everywhere: llama.cpp would also answer 0
    }
}
