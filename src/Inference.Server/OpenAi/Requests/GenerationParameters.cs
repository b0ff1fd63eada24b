namespace Inference.Server.OpenAi;

/// <summary>
/// The sampling and stopping fields shared by chat and text completions. Null means "not given":
/// the server's defaults apply (see <see cref="SamplingMapper"/>).
/// </summary>
public sealed record GenerationParameters
{
    /// <summary>max_completion_tokens, else max_tokens; at least 1.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>[0, 2]; 0 = greedy.</summary>
    public float? Temperature { get; init; }

    /// <summary>(0, 1].</summary>
    public float? TopP { get; init; }

    /// <summary>At least 0; 0 = off (llama-server extension).</summary>
    public int? TopK { get; init; }

    /// <summary>[0, 1] (llama-server extension).</summary>
    public float? MinP { get; init; }

    /// <summary>Null also when the client sent -1 (llama-server's "random").</summary>
    public uint? Seed { get; init; }

    /// <summary>[-2, 2].</summary>
    public float? PresencePenalty { get; init; }

    /// <summary>[-2, 2].</summary>
    public float? FrequencyPenalty { get; init; }

    /// <summary>Greater than 0; 1 = off (llama-server extension).</summary>
    public float? RepeatPenalty { get; init; }

    /// <summary>At least 0 (llama-server extension repeat_last_n).</summary>
    public int? RepeatLastN { get; init; }

    /// <summary>Token id → bias in [-100, 100]; ids are checked against the vocabulary when mapping.</summary>
    public IReadOnlyDictionary<int, float> LogitBias { get; init; } = new Dictionary<int, float>();

    /// <summary>Non-empty strings, at most <see cref="GenerationParametersValidator.MaxStopStrings"/>.</summary>
    public IReadOnlyList<string> Stop { get; init; } = [];

    /// <summary>Raw GBNF (llama-server extension).</summary>
    public string? Grammar { get; init; }

    /// <summary>Keep generating past end-of-generation tokens (llama-server extension ignore_eos).</summary>
    public bool IgnoreEos { get; init; }
}
