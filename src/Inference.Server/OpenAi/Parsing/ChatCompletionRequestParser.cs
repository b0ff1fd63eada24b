using System.Text.Json;

namespace Inference.Server.OpenAi;

/// <summary>
/// Parses and validates a <c>POST /v1/chat/completions</c> body. Every failure is an
/// <see cref="OpenAiException"/> carrying a 400 that names the offending field. Unknown fields are ignored.
/// </summary>
public static class ChatCompletionRequestParser
{
    public static ChatCompletionRequest Parse(ReadOnlyMemory<byte> utf8Json)
    {
        using var document = RequestJson.Parse(utf8Json);
        return Parse(document.RootElement);
    }

    public static async Task<ChatCompletionRequest> ParseAsync(Stream body, CancellationToken cancellationToken)
    {
        using var document = await RequestJson.ParseAsync(body, cancellationToken);
        return Parse(document.RootElement);
    }

    private static ChatCompletionRequest Parse(JsonElement root)
    {
        var body = new JsonFieldReader(root, "");
        RejectUnsupported(body);

        var generation = GenerationParametersParser.Parse(body, acceptsMaxCompletionTokens: true);
        var responseFormat = ResponseFormatParser.Parse(body);
        if (generation.Grammar is not null && responseFormat.Type != ResponseFormatType.Text)
        {
            throw RequestErrors.InvalidValue("grammar", "give either grammar or a JSON response_format, not both.");
        }

        var tools = ToolsParser.ParseTools(body);
        var (stream, includeUsage) = StreamOptionsParser.Parse(body);
        return new ChatCompletionRequest
        {
            Model = body.GetString("model"),
            Messages = ChatMessageParser.ParseAll(body),
            Generation = generation,
            Stream = stream,
            IncludeUsage = includeUsage,
            Tools = tools,
            ToolChoice = ToolsParser.ParseToolChoice(body, tools),
            ParallelToolCalls = body.GetBoolean("parallel_tool_calls") ?? true,
            ResponseFormat = responseFormat,
            ChatTemplateKwargs = body.GetDetachedObject("chat_template_kwargs"),
            User = body.GetString("user"),
        };
    }

    /// <summary>Fields we would otherwise have to ignore while the client relies on them.</summary>
    private static void RejectUnsupported(JsonFieldReader body)
    {
        if (body.GetBoolean("logprobs") == true)
        {
            throw RequestErrors.Unsupported("logprobs", "log probabilities are not supported by this server.");
        }

        if (body.GetInt32("top_logprobs") is > 0)
        {
            throw RequestErrors.Unsupported("top_logprobs", "log probabilities are not supported by this server.");
        }

        if (body.Has("functions"))
        {
            throw RequestErrors.Unsupported("functions", "the deprecated functions parameter is not supported; use tools.");
        }
    }
}
