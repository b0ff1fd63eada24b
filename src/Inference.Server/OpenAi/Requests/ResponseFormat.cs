using System.Text.Json;

namespace Inference.Server.OpenAi;

public enum ResponseFormatType
{
    Text,
    JsonObject,
    JsonSchema,
}

/// <summary>
/// response_format. <see cref="Schema"/> is json_schema.schema, or (llama-server extension) a schema
/// given beside type json_object; null means any JSON object.
/// </summary>
public sealed record ResponseFormat(ResponseFormatType Type, string? Name = null, JsonElement? Schema = null, bool Strict = false)
{
    public static ResponseFormat Text { get; } = new(ResponseFormatType.Text);
}
