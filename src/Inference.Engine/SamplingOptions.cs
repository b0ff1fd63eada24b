namespace Inference.Engine;

/// <summary>Per-request sampling, mapped onto a llama.cpp sampler chain.</summary>
public sealed record SamplingOptions
{
    /// <summary>0 = greedy (argmax).</summary>
    public float Temperature { get; init; } = 1.0f;

    /// <summary>0 = off.</summary>
    public int TopK { get; init; }

    /// <summary>1 = off.</summary>
    public float TopP { get; init; } = 1.0f;

    /// <summary>0 = off.</summary>
    public float MinP { get; init; }

    /// <summary>Null = a fresh random seed per request.</summary>
    public uint? Seed { get; init; }

    /// <summary>Multiplicative repetition penalty (1 = off).</summary>
    public float RepeatPenalty { get; init; } = 1.0f;

    /// <summary>Additive penalty for any token already generated (0 = off).</summary>
    public float PresencePenalty { get; init; }

    /// <summary>Additive penalty per earlier occurrence of a token (0 = off).</summary>
    public float FrequencyPenalty { get; init; }

    /// <summary>How many recent tokens the penalties look at.</summary>
    public int PenaltyLastN { get; init; } = 64;

    /// <summary>Token id → additive bias (OpenAI logit_bias; -100 effectively bans).</summary>
    public IReadOnlyDictionary<int, float>? LogitBias { get; init; }

    /// <summary>A GBNF grammar the output must follow (structured output, forced tool calls).</summary>
    public string? Grammar { get; init; }

    /// <summary>When set, <see cref="Grammar"/> is lazy: it applies once the output matches one of these regular expressions (e.g. a tool-call marker).</summary>
    public IReadOnlyList<string>? GrammarTriggerPatterns { get; init; }

    public bool IsGreedy => Temperature <= 0f;

    public static SamplingOptions Greedy { get; } = new() { Temperature = 0f };
}
