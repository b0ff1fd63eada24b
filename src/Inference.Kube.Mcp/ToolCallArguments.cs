using System.Text.Json;
using System.Text.Json.Nodes;

namespace Inference.Kube.Mcp;

/// <summary>A session's default context (--context) goes into every call that names none.</summary>
public static class ToolCallArguments
{
    public static string WithDefaultContext(string argumentsJson, string? defaultContext)
    {
        if (string.IsNullOrEmpty(defaultContext))
            return argumentsJson;
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(string.IsNullOrWhiteSpace(argumentsJson) ? "{}" : argumentsJson);
        }
        catch (JsonException)
        {
            return argumentsJson; // the toolbox answers bad JSON in its own words
        }

        if (parsed is not JsonObject arguments || arguments["context"] is JsonValue)
            return argumentsJson;
        arguments["context"] = defaultContext;
        return arguments.ToJsonString();
    }
}
