namespace Inference.Engine;

/// <summary>
/// A request the engine has taken from the queue: its scheduling state (<see cref="SequenceState"/>) with its sampler,
/// its output stream and its timings. It keeps all of them across a preemption, so its stream simply continues.
/// Touched only by the owner thread.
/// </summary>
internal sealed class ActiveSequence(PendingRequest pending, long arrival, SequenceSampler sampler, long admittedAt)
    : SequenceState(arrival, pending.Prompt)
{
    public PendingRequest Pending { get; } = pending;

    public SequenceSampler Sampler { get; } = sampler;

    public SequenceOutput Stream { get; } = new(pending);

    public long AdmittedAt { get; } = admittedAt;

    public long FirstTokenAt { get; set; }

    /// <summary>Prompt tokens not prefilled at its first admission: found in the slot's KV cache, or taken from another slot's cells.</summary>
    public int CachedPromptTokens { get; set; }
}
