namespace Inference.LlamaSharpBenchmark;

internal static class ArgMax
{
    /// <summary>Greedy choice: the index of the largest logit (the first one on ties, as our raw loop takes it).</summary>
    public static int Of(ReadOnlySpan<float> logits)
    {
        var best = 0;
        for (var i = 1; i < logits.Length; i++)
        {
            if (logits[i] > logits[best])
            {
                best = i;
            }
        }

        return best;
    }
}
