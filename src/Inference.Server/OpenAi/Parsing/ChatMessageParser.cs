using System.Text;
using System.Text.Json;

namespace Inference.Server.OpenAi;

/// <summary>Reads messages[i]: role, content (string, null or text parts), name, tool_calls, tool_call_id.</summary>
internal static class ChatMessageParser
{
    public static List<ChatRequestMessage> ParseAll(JsonFieldReader body)
    {
        var array = body.GetArray("messages") ?? throw RequestErrors.Missing("messages");
        if (array.GetArrayLength() == 0)
        {
            throw RequestErrors.InvalidValue("messages", "expected at least one message, but got an empty array.");
        }

        var messages = new List<ChatRequestMessage>(array.GetArrayLength());
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"messages[{index++}]";
            messages.Add(Parse(new JsonFieldReader(JsonValues.GetObject(item, path), path)));
        }

        return messages;
    }

    private static ChatRequestMessage Parse(JsonFieldReader message)
    {
        var role = ParseRole(message);
        var content = ParseContent(message);
        if (content is null && role != ChatRole.Assistant)
        {
            throw RequestErrors.Missing(message.Param("content"));
        }

        return new ChatRequestMessage
        {
            Role = role,
            Content = content,
            Name = message.GetString("name"),
            ToolCalls = role == ChatRole.Assistant ? ParseToolCalls(message) : [],
            ToolCallId = role == ChatRole.Tool ? message.GetRequiredString("tool_call_id") : null,
            ReasoningContent = role == ChatRole.Assistant ? message.GetString("reasoning_content") : null,
        };
    }

    private static ChatRole ParseRole(JsonFieldReader message) =>
        ChatRoles.Parse(message.GetRequiredString("role"), message.Param("role"));

    private static string? ParseContent(JsonFieldReader message)
    {
        if (!message.TryGet("content", out var content))
        {
            return null;
        }

        var param = message.Param("content");
        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString();
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            throw RequestErrors.InvalidType(param, "a string or an array of content parts", content);
        }

        var text = new StringBuilder();
        var index = 0;
        foreach (var item in content.EnumerateArray())
        {
            var partPath = $"{param}[{index++}]";
            var part = new JsonFieldReader(JsonValues.GetObject(item, partPath), partPath);
            var type = part.GetRequiredString("type");
            if (type != "text")
            {
                throw RequestErrors.UnsupportedValue(part.Param("type"), $"content parts of type '{type}' are not supported; this server accepts text only.");
            }

            if (text.Length > 0)
            {
                text.Append('\n');
            }

            text.Append(part.GetRequiredString("text"));
        }

        return text.ToString();
    }

    private static List<AssistantToolCall> ParseToolCalls(JsonFieldReader message)
    {
        var calls = new List<AssistantToolCall>();
        if (message.GetArray("tool_calls") is not { } array)
        {
            return calls;
        }

        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"{message.Param("tool_calls")}[{index++}]";
            var call = new JsonFieldReader(JsonValues.GetObject(item, path), path);
            var type = call.GetString("type") ?? "function";
            if (type != "function")
            {
                throw RequestErrors.UnsupportedValue(call.Param("type"), $"tool calls of type '{type}' are not supported; expected 'function'.");
            }

            var function = call.GetRequiredObjectReader("function");
            calls.Add(new AssistantToolCall
            {
                Id = call.GetRequiredString("id"),
                Function = new ToolCallFunction(function.GetRequiredString("name"), ParseArguments(function)),
            });
        }

        return calls;
    }

    /// <summary>OpenAI sends arguments as JSON text; an object in its place is taken as that JSON.</summary>
    private static string ParseArguments(JsonFieldReader function)
    {
        if (!function.TryGet("arguments", out var arguments))
        {
            throw RequestErrors.Missing(function.Param("arguments"));
        }

        return arguments.ValueKind == JsonValueKind.Object
            ? arguments.GetRawText()
            : JsonValues.GetString(arguments, function.Param("arguments"));
    }
}
