namespace Inference.Server.OpenAi;

/// <summary>
/// The sampling and stopping fields as a client sent them: typed, not yet range-checked. The JSON parser
/// and the gRPC mapping both fill one in; <see cref="GenerationParametersValidator"/> checks it for both.
/// </summary>
internal sealed record GenerationInput
{
    public long? N { get; init; }

    public int? MaxTokens { get; init; }

    /// <summary>Chat only; wins over <see cref="MaxTokens"/>.</summary>
    public int? MaxCompletionTokens { get; init; }

    public double? Temperature { get; init; }

    public double? TopP { get; init; }

    public int? TopK { get; init; }

    public double? MinP { get; init; }

    public long? Seed { get; init; }

    public double? PresencePenalty { get; init; }

    public double? FrequencyPenalty { get; init; }

    public double? RepeatPenalty { get; init; }

    public int? RepeatLastN { get; init; }

    public IReadOnlyList<KeyValuePair<long, double>> LogitBias { get; init; } = [];

    public IReadOnlyList<string> Stop { get; init; } = [];

    public string? Grammar { get; init; }

    public bool IgnoreEos { get; init; }
}
