using System.Text.Json.Serialization;

namespace Inference.LoadGenerator;

internal sealed record Percentiles(double P50, double P90, double P99, double Mean, int Count)
{
    public static Percentiles Of(List<double> values)
    {
        if (values.Count == 0)
        {
            return new Percentiles(double.NaN, double.NaN, double.NaN, double.NaN, 0);
        }

        values.Sort();
        return new Percentiles(At(values, 0.50), At(values, 0.90), At(values, 0.99), values.Average(), values.Count);
    }

    // Linear interpolation between closest ranks (numpy's default), as vLLM's bench serve reports.
    private static double At(List<double> sorted, double q)
    {
        var rank = q * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Count - 1);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }
}

internal sealed record MemoryResult(long PeakRssBytes, long PeakRssAnonBytes, long PeakRssFileBytes, long VmHwmBytes);

internal sealed record LevelResult
{
    public required int Concurrency { get; init; }

    public required int Requests { get; init; }

    public required int Completed { get; init; }

    public required int Failed { get; init; }

    public required double WallSeconds { get; init; }

    public required long OutputTokens { get; init; }

    public required double OutputTokensPerSecond { get; init; }

    public required double RequestsPerSecond { get; init; }

    public required double MeanPromptTokens { get; init; }

    public required Percentiles TtftMs { get; init; }

    public required Percentiles ItlMs { get; init; }

    public required Percentiles E2eMs { get; init; }

    /// <summary>Time per output token after the first, per request: (e2e - ttft) / (tokens - 1).</summary>
    public required Percentiles TpotMs { get; init; }

    public MemoryResult? ServerMemory { get; init; }

    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>Every request's timeline, with <c>--save-detailed</c> only.</summary>
    public IReadOnlyList<RequestTimeline>? Detailed { get; init; }
}

/// <summary>One request: when it was sent (ms after the level started), its TTFT and every gap between chunks.</summary>
internal sealed record RequestTimeline(double StartMs, double TtftMs, IReadOnlyList<double> ItlMs);

internal sealed record RunResult
{
    public required string Label { get; init; }

    public required string Url { get; init; }

    public string? Model { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required int PromptWords { get; init; }

    public required int TargetPromptTokens { get; init; }

    public required int SharedPrefixWords { get; init; }

    public required int MaxTokens { get; init; }

    public required int Seed { get; init; }

    public int? ServerPid { get; init; }

    public MemoryResult? IdleServerMemory { get; init; }

    public required IReadOnlyList<LevelResult> Levels { get; init; }
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RunResult))]
internal sealed partial class ResultJson : JsonSerializerContext;
