namespace Inference.Server.Embeddings;

/// <summary>One item of an embeddings request's input: text, or token ids of the model's vocabulary.</summary>
public sealed record EmbeddingInput(string? Text, int[]? Tokens)
{
    public static EmbeddingInput FromText(string text) => new(text, null);

    public static EmbeddingInput FromTokens(int[] tokens) => new(null, tokens);
}

/// <summary>An embeddings request from HTTP or gRPC, before validation against the model.</summary>
public sealed record EmbeddingRequest
{
    /// <summary>Null: the server's embedding model.</summary>
    public string? Model { get; init; }

    public required IReadOnlyList<EmbeddingInput> Input { get; init; }

    /// <summary>Wanted vector length; only the model's own length is accepted (no model here is trained for shortening).</summary>
    public int? Dimensions { get; init; }

    /// <summary>TEI's extension: cut inputs longer than the model's limit instead of refusing them.</summary>
    public bool Truncate { get; init; }
}

/// <summary>One vector per input, in order, and the tokens they took (special tokens included).</summary>
public sealed record EmbeddingResult(string Model, float[][] Vectors, int PromptTokens);
