namespace Inference.Engine;

/// <summary>The wait queue is full; the caller should retry later (HTTP 429).</summary>
public sealed class EngineQueueFullException(int maxQueue)
    : Exception($"The server is busy: {maxQueue} requests are already waiting. Retry later.")
{
    public int MaxQueue { get; } = maxQueue;
}

/// <summary>The prompt cannot fit the context; never silently truncated.</summary>
public sealed class ContextLengthExceededException(int promptTokens, int contextSize)
    : Exception($"This model's maximum context length is {contextSize} tokens, but the prompt has {promptTokens} tokens (at least one more is needed to generate).")
{
    public int PromptTokens { get; } = promptTokens;

    public int ContextSize { get; } = contextSize;
}

/// <summary>The engine is stopping or stopped and takes no new work; <see cref="Exception.InnerException"/> is its fault when it failed.</summary>
public sealed class EngineStoppedException(Exception? fault = null)
    : Exception(fault is null ? "The inference engine is shutting down." : $"The inference engine failed: {fault.Message}", fault);
