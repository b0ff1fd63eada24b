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
            // Pass 1: the maximum value, four independent vector accumulators (no loop-carried dependency
            // chain); compare + select rather than Vector.Max, whose IEEE NaN/-0 handling costs extra.
            var vectors = MemoryMarshal.Cast<float, Vector<float>>(logits);
            Vector<float> a = vectors[0], b = vectors[0], c = vectors[0], d = vectors[0];
            var v = 0;
            for (; v + 4 <= vectors.Length; v += 4)
            {
                a = Vector.ConditionalSelect(Vector.GreaterThan(vectors[v], a), vectors[v], a);
                b = Vector.ConditionalSelect(Vector.GreaterThan(vectors[v + 1], b), vectors[v + 1], b);
                c = Vector.ConditionalSelect(Vector.GreaterThan(vectors[v + 2], c), vectors[v + 2], c);
                d = Vector.ConditionalSelect(Vector.GreaterThan(vectors[v + 3], d), vectors[v + 3], d);
            }

            for (; v < vectors.Length; v++)
            {
                a = Vector.ConditionalSelect(Vector.GreaterThan(vectors[v], a), vectors[v], a);
            }

            a = Vector.ConditionalSelect(Vector.GreaterThan(b, a), b, a);
            c = Vector.ConditionalSelect(Vector.GreaterThan(d, c), d, c);
            var best = Vector.ConditionalSelect(Vector.GreaterThan(c, a), c, a);

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
