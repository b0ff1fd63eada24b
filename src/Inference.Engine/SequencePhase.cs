namespace Inference.Engine;

/// <summary>Where a sequence is in its life (as llama.cpp's <c>slot_state</c>); the step planner reads it.</summary>
internal enum SequencePhase
{
    /// <summary>Prompt tokens (or, after a preemption, prompt and output tokens) still to go into the KV cache.</summary>
    Prefilling,

    /// <summary>Its first token is out and its first decode is still to come; it may sit out one step so a burst's last prompts catch up.</summary>
    AwaitingFirstDecode,

    /// <summary>Generating: one token per step.</summary>
    Decoding,

    /// <summary>Pushed out of the KV cache for room; back at the head of the queue, to be recomputed when room returns.</summary>
    Preempted,
}
