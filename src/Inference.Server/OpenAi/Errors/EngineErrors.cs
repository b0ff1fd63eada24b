using Inference.Engine;

namespace Inference.Server.OpenAi;

public static class EngineErrors
{
    /// <summary>
    /// The OpenAI error for an exception the engine throws on submit, or null when it is not one of them.
    /// <paramref name="promptParam"/> is the request field holding the prompt ("messages" or "prompt").
    /// </summary>
    public static OpenAiError? ToOpenAiError(Exception exception, string promptParam) => exception switch
    {
        EngineQueueFullException full => OpenAiError.QueueFull(full.MaxQueue),
        ContextLengthExceededException tooLong => OpenAiError.ContextLengthExceeded(tooLong.PromptTokens, tooLong.ContextSize, promptParam),
        EngineStoppedException { InnerException: { } fault } => OpenAiError.EngineFailed(fault.Message),
        EngineStoppedException => OpenAiError.ShuttingDown(),
        _ => null,
    };
}
