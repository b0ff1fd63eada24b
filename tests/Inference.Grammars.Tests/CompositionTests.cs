using Xunit;

namespace Inference.Grammars.Tests;

public class CompositionTests
{
    [Fact]
    public void AnyOf_and_oneOf_are_unions()
    {
        SchemaAssert.Language("""{"anyOf":[{"type":"integer"},{"type":"string","maxLength":1}]}""", ["1", "\"a\""], ["\"ab\"", "true"]);
        SchemaAssert.Language("""{"oneOf":[{"type":"boolean"},{"type":"null"}]}""", ["true", "null"], ["0"]);
    }

    [Fact]
    public void Siblings_of_anyOf_apply_to_every_branch() =>
        SchemaAssert.Language("""
            {"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"integer"}},
             "anyOf":[{"required":["a"]},{"required":["b"]}]}
            """,
            ["{\"a\":1}", "{\"b\":2}", "{\"a\":1,\"b\":2}"],
            ["{}"]);

    [Fact]
    public void AllOf_merges_objects() =>
        SchemaAssert.Language("""
            {"allOf":[
              {"type":"object","properties":{"id":{"type":"integer"}},"required":["id"]},
              {"properties":{"label":{"type":"string"}},"required":["label"]},
              {"properties":{"id":{"minimum":1}}}]}
            """,
            ["{\"id\":1,\"label\":\"x\"}"],
            ["{\"id\":0,\"label\":\"x\"}", "{\"id\":1}", "{\"label\":\"x\"}"]);

    [Fact]
    public void AllOf_tightens_scalar_bounds() =>
        SchemaAssert.Language("""{"allOf":[{"type":"string","maxLength":5},{"minLength":2,"maxLength":3}]}""",
            ["\"ab\"", "\"abc\""], ["\"a\"", "\"abcd\""]);

    [Fact]
    public void Refs_to_defs_and_definitions()
    {
        SchemaAssert.Language("""
            {"$defs":{"pos":{"type":"integer","minimum":1}},"definitions":{"name":{"type":"string","minLength":1}},
             "type":"object","properties":{"n":{"$ref":"#/$defs/pos"},"s":{"$ref":"#/definitions/name"}},"required":["n","s"]}
            """,
            ["{\"n\":3,\"s\":\"x\"}"], ["{\"n\":0,\"s\":\"x\"}", "{\"n\":3,\"s\":\"\"}"]);
    }

    [Fact]
    public void Recursive_refs_describe_trees() =>
        SchemaAssert.Language("""
            {"$defs":{"node":{"type":"object","properties":{"value":{"type":"integer"},
               "children":{"type":"array","items":{"$ref":"#/$defs/node"}}},"required":["value"]}},
             "$ref":"#/$defs/node"}
            """,
            ["{\"value\":1}", "{\"value\":1,\"children\":[{\"value\":2,\"children\":[{\"value\":3}]}]}"],
            ["{\"value\":1,\"children\":[{}]}"]);

    [Fact]
    public void Root_self_reference() =>
        SchemaAssert.Language("""{"type":"array","items":{"anyOf":[{"type":"integer"},{"$ref":"#"}]}}""",
            ["[]", "[1,[2,[]]]"], ["[\"a\"]"]);
}
