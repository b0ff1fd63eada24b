using System.Text.Json;
using System.Text.Json.Nodes;
using Inference.Grammars;
using OpenAI.Chat;

#pragma warning disable OPENAI001 // Seed is marked experimental in the SDK.

namespace Inference.Server.Tests.Integration;

/// <summary>
/// The tiny model has random weights: it "knows" nothing, so any valid JSON it produces is the
/// grammar's doing. Every seed must give output that parses and validates against its schema.
/// </summary>
[Collection(ServerCollection.Name)]
public class StructuredOutputTests(ServerFixture fixture)
{
    public static TheoryData<string, string> Schemas => new()
    {
        {
            "person",
            """
            {"type":"object","properties":{
              "name":{"type":"string","minLength":1,"maxLength":12},
              "age":{"type":"integer","minimum":0,"maximum":120},
              "role":{"enum":["admin","user","guest"]},
              "email":{"type":"string","maxLength":20}
            },"required":["name","age","role"],"additionalProperties":false}
            """
        },
        {
            "order",
            """
            {"type":"object","$defs":{"item":{"type":"object","properties":{"sku":{"type":"string","pattern":"^[A-Z]{3}-[0-9]{2}$"},"qty":{"type":"integer","minimum":1,"maximum":9}},"required":["sku","qty"],"additionalProperties":false}},
             "properties":{
              "items":{"type":"array","items":{"$ref":"#/$defs/item"},"minItems":1,"maxItems":3},
              "express":{"type":"boolean"},
              "note":{"anyOf":[{"type":"null"},{"type":"string","maxLength":8}]}
            },"required":["items","express","note"],"additionalProperties":false}
            """
        },
        {
            "reading",
            """
            {"type":"object","properties":{
              "sensor":{"const":"t-1"},
              "values":{"type":"array","items":{"type":"number","minimum":-50,"maximum":50},"maxItems":4},
              "unit":{"oneOf":[{"const":"C"},{"const":"F"}]}
            },"required":["sensor","values","unit"],"additionalProperties":false}
            """
        },
    };

    [Theory]
    [MemberData(nameof(Schemas))]
    public async Task Twenty_seeds_all_give_json_that_validates_against_the_schema(string name, string schema)
    {
        var schemaNode = JsonNode.Parse(schema)!;
        var client = fixture.Chat();
        var outputs = await Task.WhenAll(Enumerable.Range(1, 20).Select(async seed =>
        {
            var options = new ChatCompletionOptions
            {
                Temperature = 1.0f,
                Seed = seed,
                MaxOutputTokenCount = 1500,
                ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat(name, BinaryData.FromString(schema), jsonSchemaIsStrict: true),
            };
            ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage("Fill in the form.")], options);
            return (completion.FinishReason, Text: completion.Content[0].Text);
        }));

        Assert.All(outputs, output =>
        {
            Assert.Equal(ChatFinishReason.Stop, output.FinishReason);
            var instance = JsonNode.Parse(output.Text);
            Assert.Empty(JsonSchemaValidator.Validate(schemaNode, instance));
        });
        Assert.True(outputs.Select(o => o.Text).Distinct().Count() > 10, "different seeds should explore different valid outputs");
    }

    [Fact]
    public async Task Json_object_mode_gives_a_json_object()
    {
        var options = new ChatCompletionOptions { Temperature = 1.0f, Seed = 3, MaxOutputTokenCount = 300, ResponseFormat = ChatResponseFormat.CreateJsonObjectFormat() };
        ChatCompletion completion = await fixture.Chat().CompleteChatAsync([new UserChatMessage("json please")], options);

        if (completion.FinishReason == ChatFinishReason.Stop)
        {
            Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(completion.Content[0].Text).RootElement.ValueKind);
        }
        else
        {
            // A free-form object may be cut by max_tokens; what was produced must still be a valid JSON prefix.
            Assert.Equal(ChatFinishReason.Length, completion.FinishReason);
            Assert.StartsWith("{", completion.Content[0].Text.TrimStart(), StringComparison.Ordinal);
        }
    }
}
