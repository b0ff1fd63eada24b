namespace Inference.Server.OpenAi;

/// <summary>Reads response_format: {type: text | json_object | json_schema{name, schema, strict}}.</summary>
internal static class ResponseFormatParser
{
    public static ResponseFormat Parse(JsonFieldReader body)
    {
        if (body.GetObjectReader("response_format") is not { } format)
        {
            return ResponseFormat.Text;
        }

        return format.GetRequiredString("type") switch
        {
            "text" => ResponseFormat.Text,
            "json_object" => new ResponseFormat(ResponseFormatType.JsonObject, Schema: format.GetDetachedObject("schema")),
            "json_schema" => ParseJsonSchema(format.GetRequiredObjectReader("json_schema")),
            var other => throw RequestErrors.InvalidValue(format.Param("type"), $"'{other}' is not one of 'text', 'json_object' or 'json_schema'."),
        };
    }

    private static ResponseFormat ParseJsonSchema(JsonFieldReader schema) =>
        new(
            ResponseFormatType.JsonSchema,
            schema.GetRequiredString("name"),
            schema.GetDetachedObject("schema"),
            schema.GetBoolean("strict") ?? false);
}
