using System.Text.Json;

namespace Inference.ToolCalling;

/// <summary>A function the model may call: its name, JSON Schema for the arguments, and OpenAI's <c>strict</c> flag.</summary>
public sealed record ToolDefinition(string Name, JsonElement Parameters, bool Strict = false);
