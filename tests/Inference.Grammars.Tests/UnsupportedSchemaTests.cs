using System.Text.Json;
using Xunit;

namespace Inference.Grammars.Tests;

public class UnsupportedSchemaTests
{
    private static T Fails<T>(string schemaJson) where T : Exception =>
        Assert.Throws<T>(() => JsonSchemaToGbnf.Convert(JsonDocument.Parse(schemaJson).RootElement));

    [Theory]
    [InlineData("""{"type":"array","uniqueItems":true}""", "uniqueItems", "$")]
    [InlineData("""{"type":"integer","multipleOf":5}""", "multipleOf", "$")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"object","minProperties":1}}}""", "minProperties", "$.properties.a")]
    [InlineData("""{"type":"object","patternProperties":{"^x":{}}}""", "patternProperties", "$")]
    [InlineData("""{"type":"string","minimum":3}""", "minimum", "$")]
    [InlineData("""{"if":{"type":"string"},"then":{"minLength":1}}""", "if", "$")]
    [InlineData("""{"type":"array","items":{"not":{"type":"null"}}}""", "not", "$.items")]
    [InlineData("""{"$ref":"https://example.com/schema.json"}""", "$ref", "$")]
    [InlineData("""{"type":"number","minimum":0.5}""", "minimum", "$")]
    [InlineData("""{"properties":{"a":{}},"minLength":2}""", "properties", "$")]
    [InlineData("""{"type":"string","minLength":3000}""", "minLength", "$")]
    [InlineData("""{"type":"array","prefixItems":[{}],"minItems":2}""", "minItems", "$")]
    public void Unsupported_keywords_name_the_keyword_and_path(string schema, string keyword, string path)
    {
        var error = Fails<UnsupportedSchemaException>(schema);
        Assert.Contains(keyword, error.Keywords);
        Assert.Equal(path, error.JsonPath);
    }

    [Fact]
    public void Annotations_are_ignored() =>
        SchemaAssert.Language("""
            {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"x","title":"T","description":"D",
             "examples":[1],"default":1,"$comment":"c","deprecated":false,"readOnly":true,"writeOnly":false,"type":"integer"}
            """, ["1"], ["\"1\""]);

    [Theory]
    [InlineData("false")]
    [InlineData("""{"type":"integer","minimum":5,"maximum":1}""")]
    [InlineData("""{"type":"wat"}""")]
    [InlineData("""{"$ref":"#/$defs/missing"}""")]
    [InlineData("""{"allOf":[{"type":"string"},{"type":"integer"}]}""")]
    [InlineData("[1]")]
    public void Malformed_or_unsatisfiable_schemas_are_errors(string schema) =>
        Fails<InvalidSchemaException>(schema);
}
