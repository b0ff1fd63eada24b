namespace Inference.Server.OpenAi;

/// <summary>A parsed and validated <c>POST /v1/completions</c> body.</summary>
public sealed record CompletionRequest
{
    /// <summary>Optional (as in llama-server): null means the model the server runs.</summary>
    public string? Model { get; init; }

    public required CompletionPrompt Prompt { get; init; }

    public required GenerationParameters Generation { get; init; }

    public bool Stream { get; init; }

    /// <summary>stream_options.include_usage; ignored when not streaming.</summary>
    public bool IncludeUsage { get; init; }

    public string? User { get; init; }
}

/// <summary>One prompt: text to tokenize, or token ids as given. Exactly one of the two is set.</summary>
public sealed record CompletionPrompt
{
    public string? Text { get; private init; }

    public IReadOnlyList<int>? Tokens { get; private init; }

    public static CompletionPrompt FromText(string text) => new() { Text = text };

    public static CompletionPrompt FromTokens(IReadOnlyList<int> tokens) => new() { Tokens = tokens };
}
