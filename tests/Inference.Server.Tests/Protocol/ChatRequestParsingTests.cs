using System.Text;
using System.Text.Json;
using Inference.Server.OpenAi;
using Inference.ToolCalling;
using static Inference.Server.Tests.Protocol.RequestParsing;

namespace Inference.Server.Tests.Protocol;

public class ChatRequestParsingTests
{
    [Fact]
    public void A_minimal_request_gets_the_defaults()
    {
        var request = Chat("""{"messages":[{"role":"user","content":"Hello"}]}""");

        Assert.Null(request.Model);
        var message = Assert.Single(request.Messages);
        Assert.Equal(ChatRole.User, message.Role);
        Assert.Equal("Hello", message.Content);
        Assert.False(request.Stream);
        Assert.False(request.IncludeUsage);
        Assert.Empty(request.Tools);
        Assert.Equal(ToolChoice.None, request.ToolChoice);
        Assert.True(request.ParallelToolCalls);
        Assert.Equal(ResponseFormat.Text, request.ResponseFormat);
        Assert.Null(request.ChatTemplateKwargs);
        Assert.Null(request.User);
        Assert.Equal(new GenerationParameters().MaxTokens, request.Generation.MaxTokens);
        Assert.Null(request.Generation.Temperature);
        Assert.Empty(request.Generation.Stop);
        Assert.Empty(request.Generation.LogitBias);
    }

    [Fact]
    public void Every_role_is_read()
    {
        var request = Chat("""
            {"model":"qwen","messages":[
              {"role":"system","content":"s"},
              {"role":"developer","content":"d"},
              {"role":"user","content":"u","name":"alice"},
              {"role":"assistant","content":"a"},
              {"role":"tool","content":"t","tool_call_id":"call_1"}]}
            """);

        Assert.Equal("qwen", request.Model);
        Assert.Equal(
            [ChatRole.System, ChatRole.Developer, ChatRole.User, ChatRole.Assistant, ChatRole.Tool],
            request.Messages.Select(m => m.Role));
        Assert.Equal(["s", "d", "u", "a", "t"], request.Messages.Select(m => m.Content));
        Assert.Equal("alice", request.Messages[2].Name);
        Assert.Equal("call_1", request.Messages[4].ToolCallId);
    }

    [Fact]
    public void Text_parts_are_joined_with_newlines()
    {
        var request = Chat("""{"messages":[{"role":"user","content":[{"type":"text","text":"one"},{"type":"text","text":"two"}]}]}""");

        Assert.Equal("one\ntwo", request.Messages[0].Content);
    }

    [Fact]
    public void An_assistant_message_may_have_null_or_no_content()
    {
        var request = Chat("""
            {"messages":[{"role":"user","content":"q"},{"role":"assistant","content":null},{"role":"assistant"}]}
            """);

        Assert.Null(request.Messages[1].Content);
        Assert.Null(request.Messages[2].Content);
    }

    [Fact]
    public void Assistant_tool_calls_and_reasoning_are_read()
    {
        var request = Chat("""
            {"messages":[
              {"role":"user","content":"weather?"},
              {"role":"assistant","content":null,"reasoning_content":"think","tool_calls":[
                {"id":"call_a","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},
                {"id":"call_b","function":{"name":"get_time","arguments":{"tz":"CET"}}}]},
              {"role":"tool","tool_call_id":"call_a","content":"sunny"}]}
            """);

        var assistant = request.Messages[1];
        Assert.Equal("think", assistant.ReasoningContent);
        Assert.Equal(2, assistant.ToolCalls.Count);
        Assert.Equal("call_a", assistant.ToolCalls[0].Id);
        Assert.Equal(new ToolCallFunction("get_weather", """{"city":"Paris"}"""), assistant.ToolCalls[0].Function);
        Assert.Equal(new ToolCallFunction("get_time", """{"tz":"CET"}"""), assistant.ToolCalls[1].Function);
        Assert.Empty(request.Messages[2].ToolCalls);
    }

    [Fact]
    public void Tools_and_the_default_auto_choice_are_read()
    {
        var request = ChatWith("""
            "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather","strict":true,
              "parameters":{"type":"object","properties":{"city":{"type":"string"}}}}},
              {"type":"function","function":{"name":"noop"}}],
            "parallel_tool_calls":false
            """);

        Assert.Equal(2, request.Tools.Count);
        var weather = request.Tools[0];
        Assert.Equal("get_weather", weather.Name);
        Assert.Equal("Weather", weather.Description);
        Assert.True(weather.Strict);
        Assert.Equal("string", weather.Parameters!.Value.GetProperty("properties").GetProperty("city").GetProperty("type").GetString());
        Assert.Null(request.Tools[1].Parameters);
        Assert.Equal(ToolChoice.Auto, request.ToolChoice);
        Assert.Equal(new ToolDefinition("get_weather", weather.Parameters.Value, Strict: true), weather.ToDefinition());
        Assert.Equal("""{"type":"object","properties":{}}""", request.Tools[1].ToDefinition().Parameters.GetRawText());
        Assert.False(request.ParallelToolCalls);
    }

    [Theory]
    [InlineData("\"none\"", ToolChoiceKind.None, null)]
    [InlineData("\"auto\"", ToolChoiceKind.Auto, null)]
    [InlineData("\"required\"", ToolChoiceKind.Required, null)]
    [InlineData("""{"type":"function","function":{"name":"f"}}""", ToolChoiceKind.Function, "f")]
    public void Tool_choice_is_a_mode_or_a_named_function(string choice, ToolChoiceKind kind, string? name)
    {
        var request = ChatWith($$$"""
            "tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":{{{choice}}}
            """);

        Assert.Equal(kind, request.ToolChoice.Kind);
        Assert.Equal(name, request.ToolChoice.FunctionName);
    }

    [Fact]
    public void Response_format_text_and_json_object()
    {
        Assert.Equal(ResponseFormat.Text, ChatWith("""
            "response_format":{"type":"text"}
            """).ResponseFormat);

        var jsonObject = ChatWith("""
            "response_format":{"type":"json_object"}
            """).ResponseFormat;
        Assert.Equal(ResponseFormatType.JsonObject, jsonObject.Type);
        Assert.Null(jsonObject.Schema);
    }

    [Fact]
    public void Response_format_json_schema()
    {
        var format = ChatWith("""
            "response_format":{"type":"json_schema","json_schema":{"name":"person","strict":true,
              "schema":{"type":"object","required":["name"]}}}
            """).ResponseFormat;

        Assert.Equal(ResponseFormatType.JsonSchema, format.Type);
        Assert.Equal("person", format.Name);
        Assert.True(format.Strict);
        Assert.Equal("name", format.Schema!.Value.GetProperty("required")[0].GetString());
    }

    [Fact]
    public void Json_object_may_carry_a_schema_as_in_llama_server()
    {
        var format = ChatWith("""
            "response_format":{"type":"json_object","schema":{"type":"object"}}
            """).ResponseFormat;

        Assert.Equal(ResponseFormatType.JsonObject, format.Type);
        Assert.Equal("object", format.Schema!.Value.GetProperty("type").GetString());
    }

    [Fact]
    public void Stream_options_include_usage_only_counts_when_streaming()
    {
        var streaming = ChatWith("""
            "stream":true,"stream_options":{"include_usage":true}
            """);
        Assert.True(streaming.Stream);
        Assert.True(streaming.IncludeUsage);

        var notStreaming = ChatWith("""
            "stream":false,"stream_options":{"include_usage":true}
            """);
        Assert.False(notStreaming.IncludeUsage);
    }

    [Fact]
    public void Extensions_and_user_are_read()
    {
        var request = ChatWith("""
            "chat_template_kwargs":{"enable_thinking":false},"user":"u-1","grammar":"root ::= \"yes\"","ignore_eos":true
            """);

        Assert.Equal(JsonValueKind.False, request.ChatTemplateKwargs!.Value.GetProperty("enable_thinking").ValueKind);
        Assert.Equal("u-1", request.User);
        Assert.Equal("root ::= \"yes\"", request.Generation.Grammar);
        Assert.True(request.Generation.IgnoreEos);
    }

    [Fact]
    public void Unknown_fields_and_nulls_are_ignored()
    {
        var request = ChatWith("""
            "store":false,"metadata":{"a":"b"},"service_tier":"auto","temperature":null,"tools":null,"logprobs":false,"top_logprobs":0
            """);

        Assert.Null(request.Generation.Temperature);
        Assert.Empty(request.Tools);
    }

    [Fact]
    public async Task ParseAsync_reads_a_stream()
    {
        using var body = new MemoryStream(Encoding.UTF8.GetBytes("""{"messages":[{"role":"user","content":"Hi"}]}"""));

        var request = await ChatCompletionRequestParser.ParseAsync(body, CancellationToken.None);

        Assert.Equal("Hi", request.Messages[0].Content);
    }

    [Fact]
    public void Retained_json_outlives_the_parsed_document()
    {
        var request = ChatWith("""
            "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}]
            """);
        GC.Collect();

        Assert.Equal("""{"type":"object"}""", request.Tools[0].Parameters!.Value.GetRawText());
    }
}
