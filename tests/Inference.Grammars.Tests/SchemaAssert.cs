using System.Text.Json;
using Inference.Grammars;
using Xunit;

namespace Inference.Grammars.Tests;

/// <summary>Converts a schema and checks the grammar's language against instances, cross-checked with the validator.</summary>
internal static class SchemaAssert
{
    public static GbnfGrammar Grammar(string schemaJson)
    {
        var text = JsonSchemaToGbnf.Convert(JsonDocument.Parse(schemaJson).RootElement);
        Assert.Empty(GbnfGrammar.Validate(text));
        return GbnfGrammar.Parse(text);
    }

    /// <summary>Each accepted instance must be in the language and valid; each rejected one must be outside it.</summary>
    public static void Language(string schemaJson, string[] accepted, string[] rejected)
    {
        var grammar = Grammar(schemaJson);
        var schema = JsonDocument.Parse(schemaJson).RootElement;
        foreach (var instance in accepted)
        {
            Assert.True(grammar.Matches(instance), $"grammar should accept {instance}");
            var errors = JsonSchemaValidator.Validate(schema, JsonDocument.Parse(instance).RootElement);
            Assert.True(errors.Count == 0, $"{instance} should be valid: {string.Join("; ", errors)}");
        }
        foreach (var instance in rejected)
        {
            Assert.False(grammar.Matches(instance), $"grammar should reject {instance}");
        }
    }
}
