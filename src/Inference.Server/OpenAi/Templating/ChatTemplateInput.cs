using System.Text.Json;
using System.Text.Json.Nodes;

namespace Inference.Server.OpenAi;

/// <summary>
/// Turns a parsed chat request into the variables chat templates read (messages, tools, extra kwargs),
/// in the OpenAI shapes the Hugging Face templates are written against.
/// </summary>
public static class ChatTemplateInput
{
    public static JsonArray Messages(IReadOnlyList<ChatRequestMessage> messages) => [.. messages.Select(Message)];

    /// <summary><c>[{"type":"function","function":{name, description?, parameters?}}]</c>, or null without tools.</summary>
    public static JsonArray? Tools(IReadOnlyList<FunctionTool> tools) =>
        tools.Count == 0 ? null : [.. tools.Select(Tool)];

    public static JsonObject? TemplateArguments(JsonElement? chatTemplateKwargs) =>
        chatTemplateKwargs is { } kwargs ? JsonObject.Create(kwargs) : null;

    private static JsonObject Message(ChatRequestMessage message)
    {
        var json = new JsonObject
        {
            ["role"] = message.Role.ToString().ToLowerInvariant(),
            ["content"] = message.Content,
        };
        if (message.Name is not null)
        {
            json["name"] = message.Name;
        }

        if (message.ToolCalls.Count > 0)
        {
            json["tool_calls"] = new JsonArray([.. message.ToolCalls.Select(ToolCall)]);
        }

        if (message.ToolCallId is not null)
        {
            json["tool_call_id"] = message.ToolCallId;
        }

        if (message.ReasoningContent is not null)
        {
            json["reasoning_content"] = message.ReasoningContent;
        }

        return json;
    }

    private static JsonObject ToolCall(AssistantToolCall call) => new()
    {
        ["id"] = call.Id,
        ["type"] = call.Type,
        ["function"] = new JsonObject
        {
            ["name"] = call.Function.Name,
            ["arguments"] = Arguments(call.Function.Arguments),
        },
    };

    /// <summary>
    /// Templates iterate over arguments (e.g. <c>arguments | tojson</c>, <c>arguments.items()</c>), so JSON object
    /// text is given as an object, as llama.cpp does; anything else stays the string the client sent.
    /// </summary>
    private static JsonNode? Arguments(string arguments)
    {
        try
        {
            return JsonNode.Parse(arguments) as JsonObject ?? (JsonNode)arguments;
        }
        catch (JsonException)
        {
            return arguments;
        }
    }

    private static JsonObject Tool(FunctionTool tool)
    {
        var function = new JsonObject { ["name"] = tool.Name };
        if (tool.Description is not null)
        {
            function["description"] = tool.Description;
        }

        if (tool.Parameters is { } parameters)
        {
            function["parameters"] = JsonObject.Create(parameters);
        }

        return new JsonObject { ["type"] = "function", ["function"] = function };
    }
}
