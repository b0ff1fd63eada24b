using System.Text.Json;
using Xunit;

namespace Inference.Grammars.Tests;

/// <summary>Exact grammar text for small schemas, one construct each.</summary>
public class GoldenGrammarTests
{
    private const string Space = "space ::= | \" \" | \"\\n\"{1,2} [ \\t]{0,20}\n";
    private const string Char = "char ::= [^\"\\\\\\x7F\\x00-\\x1F] | [\\\\] ([\"\\\\/bfnrt] | \"u\" [0-9a-fA-F]{4})\n";
    private const string Integer = "integer ::= \"-\"? integral-part\nintegral-part ::= [0] | [1-9] [0-9]{0,15}\n";

    [Theory]
    [InlineData("""{"type":"string","minLength":1,"maxLength":3}""",
        Char + "root ::= \"\\\"\" char{1,3} \"\\\"\"\n" + Space)]
    [InlineData("""{"enum":["a",1,null]}""",
        "root ::= \"\\\"a\\\"\" | \"1\" | \"null\"\n" + Space)]
    [InlineData("""{"type":"array","items":{"type":"integer"},"minItems":1,"maxItems":3}""",
        Integer + "item ::= integer\nroot ::= \"[\" space item (\",\" space item){0,2} space \"]\"\n" + Space)]
    [InlineData("""{"type":"string","pattern":"^[a-c]+\\d?$"}""",
        "root ::= \"\\\"\" [a-c]+ [0-9]? \"\\\"\"\n" + Space)]
    [InlineData("""{"$defs":{"n":{"type":["string","null"]}},"$ref":"#/$defs/n"}""",
        Char + "null ::= \"null\"\nref-defs-n ::= string | null\nroot ::= ref-defs-n\n" + Space + "string ::= \"\\\"\" char* \"\\\"\"\n")]
    [InlineData("""{"type":"number","minimum":0,"exclusiveMaximum":10}""",
        "root ::= ([0-9] (\".\" [0-9]{1,16})?)\n" + Space)]
    public void Schema_converts_to_exact_grammar(string schema, string expected) =>
        Assert.Equal(expected, JsonSchemaToGbnf.Convert(JsonDocument.Parse(schema).RootElement));
}
