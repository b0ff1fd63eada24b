using System.Text.Json;
using Inference.ToolCalling;

namespace Inference.Server.OpenAi;

/// <summary>A tool the model may call: <c>{"type":"function","function":{…}}</c>, the only kind supported.</summary>
public sealed record FunctionTool
{
    private static readonly JsonElement NoArguments = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement;

    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>The JSON Schema of the arguments; null when the function takes none.</summary>
    public JsonElement? Parameters { get; init; }

    public bool Strict { get; init; }

    /// <summary>For tool-call parsing and grammars; a function without parameters takes an empty object.</summary>
    public ToolDefinition ToDefinition() => new(Name, Parameters ?? NoArguments, Strict);
}
