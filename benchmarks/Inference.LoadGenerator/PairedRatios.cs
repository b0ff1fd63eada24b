namespace Inference.LoadGenerator;

/// <summary>
/// The median over rounds of each round's own ratio ours / theirs. The side-by-side script runs the two servers
/// back to back at each level, so a slow minute on a shared machine weighs on both halves of a pair; the median
/// of the pairs' ratios is the steadier figure when the machine's speed drifts between rounds.
/// </summary>
internal sealed record PairedRatios(int Pairs, double OutputTokensPerSecond, double TtftP50, double ItlP99)
{
    /// <summary>Per concurrency, when both sides ran it the same number of times (at least twice), paired in round order.</summary>
    public static Dictionary<int, PairedRatios> Of(IReadOnlyList<RunResult> ours, IReadOnlyList<RunResult> theirs)
    {
        var theirLevels = RoundMedian.ByLevel(theirs);
        var pairs = new Dictionary<int, PairedRatios>();
        foreach (var (concurrency, us) in RoundMedian.ByLevel(ours))
        {
            if (us.Count < 2 || !theirLevels.TryGetValue(concurrency, out var them) || them.Count != us.Count)
            {
                continue;
            }

            var zipped = us.Zip(them).ToList();
            pairs[concurrency] = new PairedRatios(
                zipped.Count,
                RoundMedian.Median(zipped.Select(p => p.First.OutputTokensPerSecond / p.Second.OutputTokensPerSecond)),
                RoundMedian.Median(zipped.Select(p => p.First.TtftMs.P50 / p.Second.TtftMs.P50)),
                RoundMedian.Median(zipped.Select(p => p.First.ItlMs.P99 / p.Second.ItlMs.P99)));
        }

        return pairs;
    }
}
