namespace Inference.Embeddings;

/// <summary>
/// Cuts inputs sorted by length into consecutive batches of least total cost, where one forward pass costs
/// <see cref="EmbeddingBatcherOptions.PassOverheadTokens"/> plus the tokens it computes: every input padded to the
/// batch's longest for a padding model, the real tokens otherwise. So a longer input joins a batch only while the
/// padding it adds costs less than a pass of its own (dynamic programming over the cut points).
/// </summary>
public static class EmbeddingBatchPlanner
{
    /// <summary>The size of each batch, in order, for <paramref name="sortedLengths"/> (ascending).</summary>
    public static int[] Cut(IReadOnlyList<int> sortedLengths, bool padded, EmbeddingBatcherOptions options)
    {
        var n = sortedLengths.Count;
        // best[i]: least cost of the first i inputs; cut[i]: where the last batch of that plan starts.
        var best = new long[n + 1];
        var cut = new int[n + 1];
        for (var end = 1; end <= n; end++)
        {
            best[end] = long.MaxValue;
            long realTokens = 0;
            for (var start = end - 1; start >= 0 && end - start <= options.MaxBatch; start--)
            {
                realTokens += sortedLengths[start];
                long tokens = padded ? (long)(end - start) * sortedLengths[end - 1] : realTokens;
                // A single input always fits: a longer one than MaxBatchTokens still runs alone.
                if (tokens > options.MaxBatchTokens && end - start > 1)
                {
                    break;
                }

                var cost = best[start] + options.PassOverheadTokens + tokens;
                if (cost < best[end])
                {
                    best[end] = cost;
                    cut[end] = start;
                }
            }
        }

        var sizes = new List<int>();
        for (var end = n; end > 0; end = cut[end])
        {
            sizes.Add(end - cut[end]);
        }

        sizes.Reverse();
        return [.. sizes];
    }
}
