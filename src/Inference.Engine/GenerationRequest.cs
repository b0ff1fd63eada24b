namespace Inference.Engine;

/// <summary>One generation: prompt tokens in, a stream of <see cref="GenerationEvent"/> out.</summary>
public sealed record GenerationRequest
{
    public required IReadOnlyList<int> PromptTokens { get; init; }

    public SamplingOptions Sampling { get; init; } = SamplingOptions.Greedy;

    /// <summary>Most tokens to generate; null = until the context is full.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Strings that end generation; the stop string itself is never emitted.</summary>
    public IReadOnlyList<string> Stop { get; init; } = [];

    /// <summary>Keep going past end-of-generation tokens (benchmarks).</summary>
    public bool IgnoreEndOfGeneration { get; init; }

    /// <summary>Render control tokens (e.g. &lt;|im_end|&gt;) as text instead of dropping them.</summary>
    public bool RenderSpecialTokens { get; init; }

    /// <summary>An id for logs; the engine does not interpret it.</summary>
    public string? Id { get; init; }
}
