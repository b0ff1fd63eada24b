using System.Text;
using System.Text.Json.Nodes;
using Inference.Grammars;
using OpenAI.Chat;

#pragma warning disable OPENAI001 // Seed is marked experimental in the SDK.

namespace Inference.Server.Tests.Integration;

/// <summary>Forced tool calls: even a random model must produce a valid call to an allowed function.</summary>
[Collection(ServerCollection.Name)]
public class ToolCallingTests(ServerFixture fixture)
{
    private const string WeatherSchema = """
        {"type":"object","properties":{"city":{"type":"string","minLength":1,"maxLength":16},"unit":{"enum":["celsius","fahrenheit"]}},"required":["city","unit"],"additionalProperties":false}
        """;

    private const string TimeSchema = """
        {"type":"object","properties":{"zone":{"enum":["UTC","CET","PST"]}},"required":["zone"],"additionalProperties":false}
        """;

    private static ChatCompletionOptions Options(ChatToolChoice choice, int seed, bool parallel = false)
    {
        var options = new ChatCompletionOptions { Temperature = 1.0f, Seed = seed, MaxOutputTokenCount = 1500, ToolChoice = choice, AllowParallelToolCalls = parallel };
        options.Tools.Add(ChatTool.CreateFunctionTool("get_weather", "Weather for a city", BinaryData.FromString(WeatherSchema), functionSchemaIsStrict: true));
        options.Tools.Add(ChatTool.CreateFunctionTool("get_time", "Time in a zone", BinaryData.FromString(TimeSchema), functionSchemaIsStrict: true));
        return options;
    }

    private static void AssertValidCall(string name, BinaryData arguments)
    {
        var schema = name switch
        {
            "get_weather" => WeatherSchema,
            "get_time" => TimeSchema,
            _ => throw new Xunit.Sdk.XunitException($"called an unknown function '{name}'"),
        };
        Assert.Empty(JsonSchemaValidator.Validate(JsonNode.Parse(schema)!, JsonNode.Parse(arguments.ToString())));
    }

    [Fact]
    public async Task Tool_choice_required_gives_valid_calls_for_every_seed()
    {
        var client = fixture.Chat();
        var completions = await Task.WhenAll(Enumerable.Range(1, 10).Select(async seed =>
            (ChatCompletion)await client.CompleteChatAsync([new UserChatMessage("What's the weather in Paris?")], Options(ChatToolChoice.CreateRequiredChoice(), seed))));

        Assert.All(completions, completion =>
        {
            Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
            var call = Assert.Single(completion.ToolCalls);
            Assert.StartsWith("call_", call.Id, StringComparison.Ordinal);
            AssertValidCall(call.FunctionName, call.FunctionArguments);
        });
    }

    [Fact]
    public async Task A_named_function_is_the_one_called()
    {
        ChatCompletion completion = await fixture.Chat().CompleteChatAsync(
            [new UserChatMessage("time?")], Options(ChatToolChoice.CreateFunctionChoice("get_time"), seed: 5));

        var call = Assert.Single(completion.ToolCalls);
        Assert.Equal("get_time", call.FunctionName);
        AssertValidCall(call.FunctionName, call.FunctionArguments);
    }

    [Fact]
    public async Task Streamed_tool_calls_arrive_as_deltas_the_sdk_assembles_and_no_call_text_leaks_as_content()
    {
        var content = new StringBuilder();
        var arguments = new StringBuilder();
        string? name = null, id = null;
        ChatFinishReason? finish = null;
        await foreach (var update in fixture.Chat().CompleteChatStreamingAsync(
            [new UserChatMessage("weather?")], Options(ChatToolChoice.CreateFunctionChoice("get_weather"), seed: 11)))
        {
            foreach (var part in update.ContentUpdate)
            {
                content.Append(part.Text);
            }

            foreach (var call in update.ToolCallUpdates)
            {
                Assert.Equal(0, call.Index);
                id ??= call.ToolCallId;
                name ??= call.FunctionName;
                arguments.Append(call.FunctionArgumentsUpdate?.ToString());
            }

            finish ??= update.FinishReason;
        }

        Assert.Equal(ChatFinishReason.ToolCalls, finish);
        Assert.Equal("get_weather", name);
        Assert.StartsWith("call_", id, StringComparison.Ordinal);
        AssertValidCall(name!, BinaryData.FromString(arguments.ToString()));
        Assert.DoesNotContain("<tool_call>", content.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prior_tool_calls_and_results_go_through_the_template()
    {
        var body = """
            {"messages":[
              {"role":"user","content":"weather in Oslo?"},
              {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Oslo\",\"unit\":\"celsius\"}"}}]},
              {"role":"tool","tool_call_id":"call_1","content":"-3 degrees"}
            ],
             "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}]}
            """;
        var (status, json, _) = await JsonHttp.PostAsync(fixture.Http, "/apply-template", body);

        Assert.Equal(200, status);
        var prompt = json.GetProperty("prompt").GetString()!;
        Assert.Contains("<tools>", prompt, StringComparison.Ordinal);
        Assert.Contains("<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Oslo\", \"unit\": \"celsius\"}}\n</tool_call>", prompt, StringComparison.Ordinal);
        Assert.Contains("<tool_response>\n-3 degrees\n</tool_response>", prompt, StringComparison.Ordinal);
        Assert.EndsWith("<|im_start|>assistant\n", prompt, StringComparison.Ordinal);
    }
}
