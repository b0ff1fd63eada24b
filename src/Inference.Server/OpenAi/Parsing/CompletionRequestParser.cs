using System.Text.Json;

namespace Inference.Server.OpenAi;

/// <summary>
/// Parses and validates a <c>POST /v1/completions</c> body. Every failure is an
/// <see cref="OpenAiException"/> carrying a 400 that names the offending field. Unknown fields are ignored.
/// </summary>
public static class CompletionRequestParser
{
    public static CompletionRequest Parse(ReadOnlyMemory<byte> utf8Json)
    {
        using var document = RequestJson.Parse(utf8Json);
        return Parse(document.RootElement);
    }

    public static async Task<CompletionRequest> ParseAsync(Stream body, CancellationToken cancellationToken)
    {
        using var document = await RequestJson.ParseAsync(body, cancellationToken);
        return Parse(document.RootElement);
    }

    private static CompletionRequest Parse(JsonElement root)
    {
        var body = new JsonFieldReader(root, "");
        RejectUnsupported(body);

        var (stream, includeUsage) = StreamOptionsParser.Parse(body);
        return new CompletionRequest
        {
            Model = body.GetString("model"),
            Prompt = CompletionPromptParser.Parse(body),
            Generation = GenerationParametersParser.Parse(body, acceptsMaxCompletionTokens: false),
            Stream = stream,
            IncludeUsage = includeUsage,
            User = body.GetString("user"),
        };
    }

    /// <summary>Fields we would otherwise have to ignore while the client relies on them.</summary>
    private static void RejectUnsupported(JsonFieldReader body)
    {
        if (body.Has("logprobs"))
        {
            throw RequestErrors.Unsupported("logprobs", "log probabilities are not supported by this server.");
        }

        if (body.GetBoolean("echo") == true)
        {
            throw RequestErrors.Unsupported("echo", "echoing the prompt is not supported by this server.");
        }

        if (body.GetString("suffix") is { Length: > 0 })
        {
            throw RequestErrors.Unsupported("suffix", "a suffix (fill-in-the-middle) is not supported by this endpoint.");
        }

        if (body.GetInt64("best_of") is not null and not 1)
        {
            throw RequestErrors.UnsupportedValue("best_of", "only 1 is supported; this server returns a single choice.");
        }
    }
}
