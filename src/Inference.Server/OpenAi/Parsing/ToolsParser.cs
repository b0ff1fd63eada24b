using System.Text.Json;
using Inference.ToolCalling;

namespace Inference.Server.OpenAi;

/// <summary>Reads tools and tool_choice, and checks that they agree.</summary>
internal static class ToolsParser
{
    public static List<FunctionTool> ParseTools(JsonFieldReader body)
    {
        var tools = new List<FunctionTool>();
        if (body.GetArray("tools") is not { } array)
        {
            return tools;
        }

        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"tools[{index++}]";
            var tool = new JsonFieldReader(JsonValues.GetObject(item, path), path);
            var type = tool.GetRequiredString("type");
            if (type != "function")
            {
                throw RequestErrors.UnsupportedValue(tool.Param("type"), $"tools of type '{type}' are not supported; expected 'function'.");
            }

            var function = tool.GetRequiredObjectReader("function");
            var name = function.GetRequiredString("name");
            if (name.Length == 0)
            {
                throw RequestErrors.InvalidValue(function.Param("name"), "the function name must not be empty.");
            }

            tools.Add(new FunctionTool
            {
                Name = name,
                Description = function.GetString("description"),
                Parameters = function.GetDetachedObject("parameters"),
                Strict = function.GetBoolean("strict") ?? false,
            });
        }

        return tools;
    }

    public static ToolChoice ParseToolChoice(JsonFieldReader body, IReadOnlyList<FunctionTool> tools)
    {
        if (!body.TryGet("tool_choice", out var value))
        {
            return tools.Count > 0 ? ToolChoice.Auto : ToolChoice.None;
        }

        var choice = value.ValueKind == JsonValueKind.String ? ParseMode(value) : ParseNamedFunction(value);
        if ((choice.Kind is ToolChoiceKind.Required or ToolChoiceKind.Function) && tools.Count == 0)
        {
            throw RequestErrors.InvalidValue("tool_choice", "a tool can only be required when tools are specified.");
        }

        if (choice.FunctionName is { } name && !tools.Any(t => t.Name == name))
        {
            throw RequestErrors.InvalidValue("tool_choice", $"no tool named '{name}' is in tools.");
        }

        return choice;
    }

    private static ToolChoice ParseMode(JsonElement value) => value.GetString() switch
    {
        "none" => ToolChoice.None,
        "auto" => ToolChoice.Auto,
        "required" => ToolChoice.Required,
        var other => throw RequestErrors.InvalidValue("tool_choice", $"'{other}' is not one of 'none', 'auto' or 'required'."),
    };

    private static ToolChoice ParseNamedFunction(JsonElement value)
    {
        var choice = new JsonFieldReader(JsonValues.GetObject(value, "tool_choice"), "tool_choice");
        var type = choice.GetRequiredString("type");
        if (type != "function")
        {
            throw RequestErrors.UnsupportedValue(choice.Param("type"), $"'{type}' is not supported; expected 'function'.");
        }

        var name = choice.GetRequiredObjectReader("function").GetRequiredString("name");
        return ToolChoice.Function(name);
    }
}
