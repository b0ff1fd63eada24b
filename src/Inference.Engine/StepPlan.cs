namespace Inference.Engine;

/// <summary>
/// One step, as the planner laid it out: the sequences that decode a token, the prefill chunks, and the sequences
/// that sit this step out; the executor fills in where each one's logits land in the batch. Reused every step.
/// </summary>
internal sealed class StepPlan
{
    /// <summary>Sequences decoding one token each, in batch order (they come first in the batch).</summary>
    public List<SequenceState> Decodes { get; } = [];

    /// <summary>Prefill chunks, in batch order after the decodes.</summary>
    public List<PrefillChunk> Prefills { get; } = [];

    /// <summary>Sequences with their first token out that wait one step for a burst's last prompts.</summary>
    public List<SequenceState> SatOut { get; } = [];

    /// <summary>Batch index of each decode's logits (filled by the executor).</summary>
    public List<int> DecodeLogits { get; } = [];

    /// <summary>Batch index of each prefill chunk's logits, -1 for a chunk that does not end its prefill (filled by the executor).</summary>
    public List<int> PrefillLogits { get; } = [];

    /// <summary>Generating sequences sit the whole step out while a burst of prompts is prefilled.</summary>
    public bool DecodeHeld { get; set; }

    public int PrefillTokens { get; set; }

    public int DecodeTokens => Decodes.Count;

    public bool IsEmpty => Decodes.Count == 0 && Prefills.Count == 0;

    public void Clear()
    {
        Decodes.Clear();
        Prefills.Clear();
        SatOut.Clear();
        DecodeLogits.Clear();
        PrefillLogits.Clear();
        DecodeHeld = false;
        PrefillTokens = 0;
    }
}

/// <summary><paramref name="Length"/> prefill tokens of a sequence from position <paramref name="Start"/>.</summary>
internal readonly record struct PrefillChunk(SequenceState Sequence, int Start, int Length)
{
    /// <summary>The chunk reaches the last prefill token, whose logits give the next output token.</summary>
    public bool EndsPrefill => Start + Length == Sequence.PrefillTokens.Length;
}
