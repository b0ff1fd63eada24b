using Inference.Models;
using Xunit;

namespace Inference.Models.Tests;

public sealed class ChatTemplateTests
{
    [Fact]
    public void Is_chatml_with_tools_and_a_generation_prompt()
    {
        foreach (var part in new[] { "<|im_start|>", "<|im_end|>", "add_generation_prompt", "<tools>", "<tool_call>", "<tool_response>", "message.role" })
        {
            Assert.Contains(part, ChatTemplates.ChatMl, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Has_no_stray_whitespace_outside_tags()
    {
        // Whitespace between tags is trimmed by the {%- / {{- markers, so only the first tag may start the text.
        Assert.StartsWith("{%- if tools %}", ChatTemplates.ChatMl, StringComparison.Ordinal);
        Assert.EndsWith("{%- endif %}", ChatTemplates.ChatMl, StringComparison.Ordinal);
    }
}
