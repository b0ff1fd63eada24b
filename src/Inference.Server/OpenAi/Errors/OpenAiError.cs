namespace Inference.Server.OpenAi;

/// <summary>
/// A failure as OpenAI reports it: an HTTP status plus the <c>{"error":{…}}</c> body.
/// The factories below are the only errors the server sends.
/// </summary>
public sealed record OpenAiError(int Status, string Message, string Type, string? Param, string? Code)
{
    public const string InvalidRequestType = "invalid_request_error";
    public const string ServerErrorType = "server_error";

    public ErrorResponse ToResponse() => new(new ErrorDetail(Message, Type, Param, Code));

    public OpenAiException ToException() => new(this);

    public static OpenAiError InvalidRequest(string message, string? param = null, string? code = null) =>
        new(400, message, InvalidRequestType, param, code);

    public static OpenAiError ModelNotFound(string model) =>
        new(404, $"The model '{model}' does not exist or is not served here.", InvalidRequestType, "model", "model_not_found");

    /// <summary>Same wording and param as OpenAI; the prompt was never truncated.</summary>
    public static OpenAiError ContextLengthExceeded(int promptTokens, int contextSize, string param) =>
        new(
            400,
            $"This model's maximum context length is {contextSize} tokens. However, your request has {promptTokens} prompt tokens, "
            + "and at least one more is needed to generate. Please reduce the length of the input.",
            InvalidRequestType,
            param,
            "context_length_exceeded");

    /// <summary>OpenAI's wording when the prompt fits but prompt + max_tokens does not (vLLM answers the same).</summary>
    public static OpenAiError ContextLengthExceeded(int promptTokens, int maxTokens, int contextSize, string param) =>
        new(
            400,
            $"This model's maximum context length is {contextSize} tokens. However, you requested {(long)promptTokens + maxTokens} tokens "
            + $"({promptTokens} in the {param}, {maxTokens} in the completion). Please reduce the length of the {param} or completion.",
            InvalidRequestType,
            param,
            "context_length_exceeded");

    public static OpenAiError RequestTooLarge(long maxBytes) =>
        new(413, $"The request body is larger than the {maxBytes} bytes this server accepts.", InvalidRequestType, null, "request_too_large");

    /// <summary>OpenAI's rate-limit shape (type "requests", code "rate_limit_exceeded"): clients already retry on it.</summary>
    public static OpenAiError QueueFull(int maxQueue) =>
        new(429, $"The server is busy: {maxQueue} requests are already waiting. Retry later.", "requests", null, "rate_limit_exceeded");

    public static OpenAiError InvalidApiKey() =>
        new(401, "Incorrect API key provided.", InvalidRequestType, null, "invalid_api_key");

    public static OpenAiError ModelLoading() =>
        new(503, "The model is still loading. Retry shortly.", ServerErrorType, null, "model_loading");

    public static OpenAiError ShuttingDown() =>
        new(503, "The server is shutting down and takes no new requests.", ServerErrorType, null, "shutting_down");

    /// <summary>The engine died (its loop faulted): nothing is served until the process restarts.</summary>
    public static OpenAiError EngineFailed(string reason) =>
        new(503, "The inference engine failed and this server can take no requests until it restarts: " + reason, ServerErrorType, null, "engine_failed");

    /// <summary>For our own bugs and engine failures only; the message should carry no internals the client cannot act on.</summary>
    public static OpenAiError Internal(string message) =>
        new(500, message, ServerErrorType, null, null);
}
