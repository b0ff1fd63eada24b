namespace Inference.Engine;

/// <summary>How the engine shares its one llama.cpp context among requests.</summary>
public sealed record EngineOptions
{
    /// <summary>Slots: sequences decoded together (llama.cpp n_seq_max).</summary>
    public int Parallel { get; init; } = 8;

    /// <summary>KV cells shared by all slots (unified cache: any slot may use all of it).</summary>
    public int ContextSize { get; init; } = 4096;

    /// <summary>Most tokens one step may carry: one per generating slot, the rest for prompt chunks.</summary>
    public int StepTokenBudget { get; init; } = 512;

    /// <summary>
    /// Prompt tokens one step takes while other prompts wait: whole prompts in arrival order up to this many
    /// (always at least one). Smaller hands out first tokens sooner, one prompt after another; larger makes wider batches.
    /// </summary>
    public int PrefillTokensPerStep { get; init; } = 256;

    /// <summary>
    /// The last prompts of a burst, up to this many tokens, are prefilled together in one step, and the steps before
    /// it leave them that many (docs/step-plan.md). Null: 1.5 × <see cref="PrefillTokensPerStep"/>; 0 = off.
    /// </summary>
    public int? PrefillTailTokens { get; init; }

    internal int EffectivePrefillTailTokens => PrefillTailTokens ?? (PrefillTokensPerStep * 3 / 2);

    /// <summary>
    /// Most prompt tokens prefilled in a row while generating slots wait for their next token (docs/step-plan.md);
    /// beyond it, every step carries their tokens again. 0 = generating slots never wait.
    /// </summary>
    public int DecodeStallTokens { get; init; } = 1024;

    /// <summary>
    /// A finished request's KV cells stay in its slot, and a later request whose prompt starts with the same tokens
    /// takes that slot and prefills only the rest (llama-server's cache_prompt). Idle slots' cells are dropped before
    /// any running request is preempted for room.
    /// </summary>
    public bool CachePrompts { get; init; } = true;

    /// <summary>Requests that may wait for a slot before submissions are refused.</summary>
    public int MaxQueue { get; init; } = 256;

    /// <summary>CPU threads for llama.cpp; 0 = all cores.</summary>
    public int Threads { get; init; }

    /// <summary>
    /// Keeps llama.cpp's CPU compute threads alive between decodes, polling for new work at this ggml level
    /// (0 = sleep at once, 100 = spin longest) before they sleep; null = llama.cpp starts them for every decode.
    /// Only the CPU backend uses these threads.
    /// </summary>
    public int? ThreadpoolPolling { get; init; }

    /// <summary>Physical micro-batch size handed to llama.cpp.</summary>
    public int MicroBatchSize { get; init; } = 512;

    /// <summary>Flash attention: null lets llama.cpp decide.</summary>
    public bool? FlashAttention { get; init; }

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Parallel, 1, nameof(Parallel));
        ArgumentOutOfRangeException.ThrowIfLessThan(ContextSize, 16, nameof(ContextSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(StepTokenBudget, Parallel, nameof(StepTokenBudget));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxQueue, 0, nameof(MaxQueue));
        ArgumentOutOfRangeException.ThrowIfLessThan(PrefillTokensPerStep, 1, nameof(PrefillTokensPerStep));
        ArgumentOutOfRangeException.ThrowIfNegative(DecodeStallTokens, nameof(DecodeStallTokens));
        ArgumentOutOfRangeException.ThrowIfNegative(PrefillTailTokens ?? 0, nameof(PrefillTailTokens));
        ArgumentOutOfRangeException.ThrowIfLessThan(Threads, 0, nameof(Threads));
        ArgumentOutOfRangeException.ThrowIfLessThan(MicroBatchSize, 1, nameof(MicroBatchSize));
        if (ThreadpoolPolling is { } polling)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(polling, nameof(ThreadpoolPolling));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(polling, 100, nameof(ThreadpoolPolling));
        }
    }
}
