namespace Inference.LoadGenerator;

/// <summary>
/// Several rounds against one server folded into one result: every figure is the median of its rounds (peak
/// memory: the highest round), so one slow round on a noisy machine does not decide a ratio. A round may hold
/// every level or just one (the side-by-side script runs each level as its own pair of loads).
/// </summary>
internal static class RoundMedian
{
    public static RunResult Of(IReadOnlyList<RunResult> rounds) => rounds[0] with
    {
        Levels = [.. ByLevel(rounds).Select(level => Level(level.Value))],
    };

    /// <summary>Every round's result at each concurrency, in round order.</summary>
    public static SortedDictionary<int, List<LevelResult>> ByLevel(IReadOnlyList<RunResult> rounds)
    {
        var levels = new SortedDictionary<int, List<LevelResult>>();
        foreach (var level in rounds.SelectMany(r => r.Levels))
        {
            if (!levels.TryGetValue(level.Concurrency, out var list))
            {
                levels[level.Concurrency] = list = [];
            }

            list.Add(level);
        }

        return levels;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static LevelResult Level(List<LevelResult> rounds) => rounds.Count == 1 ? rounds[0] : new()
    {
        Concurrency = rounds[0].Concurrency,
        Requests = rounds.Sum(l => l.Requests),
        Completed = rounds.Sum(l => l.Completed),
        Failed = rounds.Sum(l => l.Failed),
        WallSeconds = Median(rounds.Select(l => l.WallSeconds)),
        OutputTokens = rounds.Sum(l => l.OutputTokens),
        OutputTokensPerSecond = Median(rounds.Select(l => l.OutputTokensPerSecond)),
        RequestsPerSecond = Median(rounds.Select(l => l.RequestsPerSecond)),
        MeanPromptTokens = Median(rounds.Select(l => l.MeanPromptTokens)),
        TtftMs = Median(rounds, l => l.TtftMs),
        ItlMs = Median(rounds, l => l.ItlMs),
        E2eMs = Median(rounds, l => l.E2eMs),
        TpotMs = Median(rounds, l => l.TpotMs),
        ServerMemory = rounds.Select(l => l.ServerMemory).OfType<MemoryResult>().MaxBy(m => m.PeakRssBytes),
        Errors = [.. rounds.SelectMany(l => l.Errors).Distinct()],
    };

    private static Percentiles Median(List<LevelResult> rounds, Func<LevelResult, Percentiles> figure)
    {
        var values = rounds.Select(figure).ToList();
        return new Percentiles(Median(values.Select(p => p.P50)), Median(values.Select(p => p.P90)), Median(values.Select(p => p.P99)),
            Median(values.Select(p => p.Mean)), values.Sum(p => p.Count));
    }
}
