using System.Text.Json;
using System.Text.Json.Nodes;

namespace Inference.Grammars;

/// <summary>Converts JSON Schemas to GBNF grammars for llama.cpp's grammar sampler (start rule <c>root</c>).</summary>
public static class JsonSchemaToGbnf
{
    /// <exception cref="InvalidSchemaException">Malformed schema, or one using unsupported keywords (<see cref="UnsupportedSchemaException"/>).</exception>
    public static string Convert(JsonElement schema)
    {
        var builder = new GbnfBuilder();
        builder.AddSchema(GbnfBuilder.RootRuleName, schema);
        return builder.Build();
    }

    /// <inheritdoc cref="Convert(JsonElement)"/>
    public static string Convert(JsonNode schema) => Convert(JsonSerializer.SerializeToElement(schema));

    /// <summary>Any JSON object, as used for <c>response_format: {"type": "json_object"}</c>.</summary>
    public static string JsonObjectGrammar() => Convert(JsonSerializer.SerializeToElement(new { type = "object" }));
}
