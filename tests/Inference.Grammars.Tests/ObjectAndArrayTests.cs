using Xunit;

namespace Inference.Grammars.Tests;

public class ObjectAndArrayTests
{
    private const string Person = """
        {"type":"object","properties":{
            "name":{"type":"string"},
            "age":{"type":"integer","minimum":0,"maximum":150},
            "email":{"type":"string"},
            "tags":{"type":"array","items":{"type":"string"}}},
         "required":["name"]}
        """;

    [Fact]
    public void Required_first_then_any_subset_of_optional_in_declared_order() =>
        SchemaAssert.Language(Person,
            ["{\"name\":\"a\"}", "{\"name\": \"a\", \"age\": 3}", "{\"name\":\"a\",\"email\":\"e\",\"tags\":[]}", "{\n  \"name\": \"a\",\n  \"age\": 3,\n  \"tags\": [\"x\", \"y\"]\n}"],
            ["{}", "{\"age\":3}", "{\"name\":\"a\",\"other\":1}", "{\"name\":\"a\",\"age\":200}", "{\"age\":3,\"name\":\"a\"}"]);

    [Fact]
    public void Only_optional_properties_allow_the_empty_object() =>
        SchemaAssert.Language("""{"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"integer"}}}""",
            ["{}", "{\"a\":1}", "{\"b\":2}", "{\"a\":1,\"b\":2}"],
            ["{\"b\":2,\"a\":1}", "{\"a\":1,}"]);

    [Fact]
    public void Additional_properties_false_true_and_schema()
    {
        SchemaAssert.Language("""{"type":"object","properties":{"a":{"type":"integer"}},"additionalProperties":false}""",
            ["{\"a\":1}", "{}"], ["{\"a\":1,\"b\":2}"]);
        SchemaAssert.Language("""{"type":"object","properties":{"a":{"type":"integer"}},"required":["a"],"additionalProperties":true}""",
            ["{\"a\":1}", "{\"a\":1,\"b\":[2],\"c\":\"x\"}", "{\"a\":1,\"ab\":2}"],
            ["{\"a\":1,\"a\":2}", "{\"b\":2}"]);
        SchemaAssert.Language("""{"type":"object","additionalProperties":{"type":"number"}}""",
            ["{}", "{\"x\":1.5,\"y\":2}"], ["{\"x\":\"s\"}"]);
    }

    [Fact]
    public void Plain_object_type_is_any_object() =>
        SchemaAssert.Language("""{"type":"object"}""", ["{}", "{\"k\": [1, {\"n\": null}]}"], ["[]", "{\"k\"}"]);

    [Fact]
    public void Nested_objects_and_arrays_with_item_counts() =>
        SchemaAssert.Language("""
            {"type":"object","properties":{"points":{"type":"array","minItems":1,"maxItems":2,
              "items":{"type":"object","properties":{"x":{"type":"integer"},"y":{"type":"integer"}},"required":["x","y"]}}},
             "required":["points"]}
            """,
            ["{\"points\":[{\"x\":1,\"y\":2}]}", "{\"points\": [{\"x\": 1, \"y\": 2}, {\"x\": -3, \"y\": 4}]}"],
            ["{\"points\":[]}", "{\"points\":[{\"x\":1,\"y\":2},{\"x\":1,\"y\":2},{\"x\":1,\"y\":2}]}", "{\"points\":[{\"x\":1}]}"]);

    [Fact]
    public void Tuples_from_prefixItems_and_items_array()
    {
        SchemaAssert.Language("""{"type":"array","prefixItems":[{"type":"string"},{"type":"integer"}],"items":false}""",
            ["[\"a\", 1]"], ["[\"a\"]", "[1, \"a\"]", "[\"a\", 1, 2]"]);
        SchemaAssert.Language("""{"type":"array","items":[{"type":"boolean"}]}""", ["[true]"], ["[]", "[1]"]);
    }

    [Fact]
    public void Array_counts_without_items() =>
        SchemaAssert.Language("""{"type":"array","maxItems":1}""", ["[]", "[{\"a\":1}]"], ["[1,2]"]);

    [Fact]
    public void Golden_object_with_optional_property()
    {
        var grammar = Inference.Grammars.JsonSchemaToGbnf.Convert(System.Text.Json.JsonDocument.Parse(
            """{"type":"object","properties":{"a":{"type":"boolean"},"b":{"type":"null"}},"required":["a"]}""").RootElement);
        Assert.Equal("""
            a ::= boolean
            a-kv ::= "\"a\"" space ":" space a
            b ::= null
            b-kv ::= "\"b\"" space ":" space b
            boolean ::= "true" | "false"
            null ::= "null"
            root ::= "{" space a-kv ( "," space ( b-kv ) )? space "}"
            space ::= | " " | "\n"{1,2} [ \t]{0,20}

            """.Replace("\r", "", StringComparison.Ordinal), grammar);
    }
}
