namespace Inference.Engine;

/// <summary>Receives the engine's measurements (the server exports them as metrics). Called on the owner thread: keep it cheap.</summary>
public class EngineObserver
{
    /// <summary>
    /// One llama_decode: tokens in the batch, how many were single decode tokens vs prompt chunk tokens,
    /// the slots holding a request, and its wall time.
    /// </summary>
    public virtual void OnStep(int batchTokens, int decodeTokens, int prefillTokens, int busySlots, TimeSpan duration)
    {
    }

    /// <summary>A running request was preempted: the KV cache was full, it gave its cells back and will be recomputed.</summary>
    public virtual void OnPreempted()
    {
    }

    /// <summary>A request left the engine.</summary>
    public virtual void OnCompleted(GenerationResult result)
    {
    }
}
