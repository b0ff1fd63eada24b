namespace Inference.LoadGenerator;

/// <summary>
/// Several rounds of the same sweep against one server folded into one result: every figure is the median of its
/// rounds (peak memory: the highest round), so one slow round on a noisy machine does not decide a ratio.
/// </summary>
internal static class RoundMedian
{
    public static RunResult Of(IReadOnlyList<RunResult> rounds)
    {
        if (rounds.Count == 1)
        {
            return rounds[0];
        }

        var levels = rounds[0].Levels
            .Select(level => rounds.Select(r => r.Levels.FirstOrDefault(l => l.Concurrency == level.Concurrency)).OfType<LevelResult>().ToList())
            .Select(Level)
            .ToList();
        return rounds[0] with { Levels = levels };
    }

    private static LevelResult Level(List<LevelResult> rounds) => new()
    {
        Concurrency = rounds[0].Concurrency,
        Requests = rounds.Sum(l => l.Requests),
        Completed = rounds.Sum(l => l.Completed),
        Failed = rounds.Sum(l => l.Failed),
        WallSeconds = Median(rounds, l => l.WallSeconds),
        OutputTokens = rounds.Sum(l => l.OutputTokens),
        OutputTokensPerSecond = Median(rounds, l => l.OutputTokensPerSecond),
        RequestsPerSecond = Median(rounds, l => l.RequestsPerSecond),
        MeanPromptTokens = Median(rounds, l => l.MeanPromptTokens),
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
        return new Percentiles(Median(values, p => p.P50), Median(values, p => p.P90), Median(values, p => p.P99), Median(values, p => p.Mean), values.Sum(p => p.Count));
    }

    private static double Median<T>(IReadOnlyList<T> items, Func<T, double> value)
    {
        var sorted = items.Select(value).Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
