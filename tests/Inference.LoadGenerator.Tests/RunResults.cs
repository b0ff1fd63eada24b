namespace Inference.LoadGenerator.Tests;

/// <summary>Load-generator results built by hand: only the figures a test looks at differ from zero.</summary>
internal static class RunResults
{
    public static RunResult Run(string label, params LevelResult[] levels) => new()
    {
        Label = label,
        Url = "http://127.0.0.1:8080/",
        StartedAt = DateTimeOffset.UnixEpoch,
        PromptWords = 80,
        TargetPromptTokens = 106,
        SharedPrefixWords = 0,
        MaxTokens = 128,
        Seed = 42,
        Levels = levels,
    };

    public static LevelResult Level(int concurrency, double tokensPerSecond, double ttftP50 = 100, double itlP99 = 10, long peakRss = 0) => new()
    {
        Concurrency = concurrency,
        Requests = 16,
        Completed = 16,
        Failed = 0,
        WallSeconds = 16 * 128 / tokensPerSecond,
        OutputTokens = 16 * 128,
        OutputTokensPerSecond = tokensPerSecond,
        RequestsPerSecond = tokensPerSecond / 128,
        MeanPromptTokens = 106,
        TtftMs = new Percentiles(ttftP50, ttftP50, ttftP50, ttftP50, 16),
        ItlMs = new Percentiles(itlP99 / 2, itlP99 / 2, itlP99, itlP99 / 2, 16 * 127),
        E2eMs = new Percentiles(1000, 1000, 1000, 1000, 16),
        TpotMs = new Percentiles(10, 10, 10, 10, 16),
        ServerMemory = peakRss > 0 ? new MemoryResult(peakRss, peakRss, 0, peakRss) : null,
    };
}
