using static Inference.Server.Tests.Protocol.RequestParsing;

namespace Inference.Server.Tests.Protocol;

public class ChatRequestErrorTests
{
    [Theory]
    [InlineData("{", "line 1")]
    [InlineData("{\"messages\":[}", "line 1, byte 14")]
    [InlineData("{\n  \"model\": \"m\",\n  oops\n}", "line 3")]
    [InlineData("", "line 1")]
    public void Invalid_json_is_a_400_naming_the_position(string body, string position)
    {
        var error = ChatError(body);

        AssertInvalidRequest(error, param: null, code: "invalid_json");
        Assert.Contains(position, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    public void A_body_that_is_not_an_object_is_a_400(string body)
    {
        AssertInvalidRequest(ChatError(body), param: null);
    }

    [Theory]
    [InlineData("""{"model":"m"}""", "messages")]
    [InlineData("""{"messages":null}""", "messages")]
    [InlineData("""{"messages":[{"content":"x"}]}""", "messages[0].role")]
    [InlineData("""{"messages":[{"role":"user"}]}""", "messages[0].content")]
    [InlineData("""{"messages":[{"role":"system","content":null}]}""", "messages[0].content")]
    [InlineData("""{"messages":[{"role":"user","content":"q"},{"role":"tool","content":"r"}]}""", "messages[1].tool_call_id")]
    [InlineData("""{"messages":[{"role":"user","content":[{"text":"x"}]}]}""", "messages[0].content[0].type")]
    [InlineData("""{"messages":[{"role":"user","content":[{"type":"text"}]}]}""", "messages[0].content[0].text")]
    [InlineData("""{"messages":[{"role":"assistant","tool_calls":[{"function":{"name":"f","arguments":"{}"}}]}]}""", "messages[0].tool_calls[0].id")]
    [InlineData("""{"messages":[{"role":"assistant","tool_calls":[{"id":"c"}]}]}""", "messages[0].tool_calls[0].function")]
    [InlineData("""{"messages":[{"role":"assistant","tool_calls":[{"id":"c","function":{"name":"f"}}]}]}""", "messages[0].tool_calls[0].function.arguments")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"tools":[{"type":"function"}]}""", "tools[0].function")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"tools":[{"function":{"name":"f"}}]}""", "tools[0].type")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"tools":[{"type":"function","function":{}}]}""", "tools[0].function.name")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"response_format":{}}""", "response_format.type")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"response_format":{"type":"json_schema"}}""", "response_format.json_schema")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"response_format":{"type":"json_schema","json_schema":{}}}""", "response_format.json_schema.name")]
    public void A_missing_required_field_is_a_400_naming_it(string body, string param)
    {
        AssertInvalidRequest(ChatError(body), param, "missing_required_parameter");
    }

    [Theory]
    [InlineData("""{"model":5,"messages":[{"role":"user","content":"q"}]}""", "model")]
    [InlineData("""{"messages":{"role":"user"}}""", "messages")]
    [InlineData("""{"messages":["hi"]}""", "messages[0]")]
    [InlineData("""{"messages":[{"role":1,"content":"q"}]}""", "messages[0].role")]
    [InlineData("""{"messages":[{"role":"user","content":"q"},{"role":"user","content":5}]}""", "messages[1].content")]
    [InlineData("""{"messages":[{"role":"user","content":{"type":"text"}}]}""", "messages[0].content")]
    [InlineData("""{"messages":[{"role":"user","content":["x"]}]}""", "messages[0].content[0]")]
    [InlineData("""{"messages":[{"role":"user","content":[{"type":"text","text":7}]}]}""", "messages[0].content[0].text")]
    [InlineData("""{"messages":[{"role":"user","content":"q","name":true}]}""", "messages[0].name")]
    [InlineData("""{"messages":[{"role":"assistant","tool_calls":{}}]}""", "messages[0].tool_calls")]
    [InlineData("""{"messages":[{"role":"assistant","tool_calls":[{"id":"c","function":{"name":"f","arguments":3}}]}]}""", "messages[0].tool_calls[0].function.arguments")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"stream":"yes"}""", "stream")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"stream_options":{"include_usage":1}}""", "stream_options.include_usage")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"stream_options":true}""", "stream_options")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"tools":{}}""", "tools")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"tools":[{"type":"function","function":{"name":"f","parameters":"{}"}}]}""", "tools[0].function.parameters")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"tool_choice":3}""", "tool_choice")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"parallel_tool_calls":"no"}""", "parallel_tool_calls")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"response_format":"json"}""", "response_format")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"response_format":{"type":"json_schema","json_schema":{"name":"n","schema":[]}}}""", "response_format.json_schema.schema")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"chat_template_kwargs":[]}""", "chat_template_kwargs")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"user":1}""", "user")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"grammar":{}}""", "grammar")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"ignore_eos":"true"}""", "ignore_eos")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"logprobs":1}""", "logprobs")]
    public void A_wrong_typed_field_is_a_400_naming_it(string body, string param)
    {
        var error = ChatError(body);

        AssertInvalidRequest(error, param, "invalid_type");
        Assert.StartsWith($"Invalid type for '{param}': expected ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"messages":[]}""", "messages")]
    [InlineData("""{"messages":[{"role":"function","content":"q"}]}""", "messages[0].role")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"tool_choice":"always"}""", "tool_choice")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"tool_choice":"required"}""", "tool_choice")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":{"type":"function","function":{"name":"g"}}}""", "tool_choice")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"tools":[{"type":"function","function":{"name":""}}]}""", "tools[0].function.name")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"response_format":{"type":"xml"}}""", "response_format.type")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"grammar":"root ::= \"a\"","response_format":{"type":"json_object"}}""", "grammar")]
    public void An_invalid_value_is_a_400_naming_it(string body, string param)
    {
        AssertInvalidRequest(ChatError(body), param, "invalid_value");
    }

    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"http://x/y.png"}}]}]}""", "messages[0].content[0].type", "image_url")]
    [InlineData("""{"messages":[{"role":"user","content":"q"},{"role":"user","content":[{"type":"text","text":"a"},{"type":"input_audio"}]}]}""", "messages[1].content[1].type", "input_audio")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"tools":[{"type":"custom","custom":{"name":"x"}}]}""", "tools[0].type", "custom")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":{"type":"allowed_tools"}}""", "tool_choice.type", "allowed_tools")]
    [InlineData("""{"messages":[{"role":"assistant","tool_calls":[{"id":"c","type":"custom","custom":{}}]}]}""", "messages[0].tool_calls[0].type", "custom")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"n":2}""", "n", "only 1")]
    public void An_unsupported_value_is_a_400_naming_it(string body, string param, string mentioned)
    {
        var error = ChatError(body);

        AssertInvalidRequest(error, param, "unsupported_value");
        Assert.Contains(mentioned, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"logprobs\":true", "logprobs")]
    [InlineData("\"top_logprobs\":3", "top_logprobs")]
    [InlineData("\"functions\":[{\"name\":\"f\"}]", "functions")]
    public void Unsupported_features_are_refused_rather_than_ignored(string field, string param)
    {
        AssertInvalidRequest(ChatErrorWith(field), param, "unsupported_parameter");
    }
}
