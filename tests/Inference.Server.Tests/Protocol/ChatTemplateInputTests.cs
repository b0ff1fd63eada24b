using Inference.Server.OpenAi;
using static Inference.Server.Tests.Protocol.RequestParsing;

namespace Inference.Server.Tests.Protocol;

public class ChatTemplateInputTests
{
    [Fact]
    public void Messages_keep_openais_shape_with_object_arguments()
    {
        var request = Chat("""
            {"messages":[
              {"role":"developer","content":"be brief"},
              {"role":"user","content":"weather?","name":"bob"},
              {"role":"assistant","content":null,"reasoning_content":"r","tool_calls":[
                {"id":"c1","type":"function","function":{"name":"w","arguments":"{\"city\":\"Oslo\"}"}},
                {"id":"c2","type":"function","function":{"name":"v","arguments":"not json"}}]},
              {"role":"tool","tool_call_id":"c1","content":"cold"}]}
            """);

        var messages = ChatTemplateInput.Messages(request.Messages);

        Assert.Equal("""{"role":"developer","content":"be brief"}""", messages[0]!.ToJsonString());
        Assert.Equal("""{"role":"user","content":"weather?","name":"bob"}""", messages[1]!.ToJsonString());
        Assert.Equal(
            """{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"w","arguments":{"city":"Oslo"}}},"""
            + """{"id":"c2","type":"function","function":{"name":"v","arguments":"not json"}}],"reasoning_content":"r"}""",
            messages[2]!.ToJsonString());
        Assert.Equal("""{"role":"tool","content":"cold","tool_call_id":"c1"}""", messages[3]!.ToJsonString());
    }

    [Fact]
    public void Tools_and_kwargs_are_passed_through()
    {
        var request = ChatWith("""
            "tools":[{"type":"function","function":{"name":"w","description":"Weather","parameters":{"type":"object"}}}],
            "chat_template_kwargs":{"enable_thinking":false}
            """);

        Assert.Equal(
            """[{"type":"function","function":{"name":"w","description":"Weather","parameters":{"type":"object"}}}]""",
            ChatTemplateInput.Tools(request.Tools)!.ToJsonString());
        Assert.Equal("""{"enable_thinking":false}""", ChatTemplateInput.TemplateArguments(request.ChatTemplateKwargs)!.ToJsonString());
        Assert.Null(ChatTemplateInput.Tools([]));
        Assert.Null(ChatTemplateInput.TemplateArguments(null));
    }
}
