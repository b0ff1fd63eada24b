using Inference.ToolCalling;
using Xunit;

namespace Inference.ToolCalling.Tests;

/// <summary>Fragments of the real templates (llama.cpp models/templates) that carry each family's tool syntax.</summary>
public class DetectionTests
{
    [Theory]
    [InlineData("{%- for tool in tools %}<tool_call>\\n{\"name\": <function-name>}\\n</tool_call>{%- endfor %}", "hermes")]
    [InlineData("<|im_start|>assistant\\n<think>\\n{{ content }}<tool_call>\\n", "hermes-think")]
    [InlineData("<|start_header_id|>ipython<|end_header_id|>\\n\\n{\"name\": function name, \"parameters\": dictionary}", "llama3")]
    [InlineData("{{- '[TOOL_CALLS][' }}{%- for tool_call in tool_calls %}{\"name\": ...}", "mistral-nemo")]
    [InlineData("[TOOL_CALLS]{{ tool_call.function.name }}[ARGS]{{ arguments }}", "mistral")]
    [InlineData("[THINK]{{ thinking }}[/THINK][TOOL_CALLS]{{ name }}[ARGS]", "mistral-think")]
    [InlineData("<｜Assistant｜><｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>{{ name }}\\n```json\\n", "deepseek-r1")]
    [InlineData("<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>{{ name }}<｜tool▁sep｜>{{ arguments }}<｜tool▁call▁end｜>", "deepseek-v3")]
    [InlineData("<|start_header_id|>system<|end_header_id|>\\n\\nUse <function=example_function_name>{\"example_name\": \"example_value\"}</function>", "functionary-v3.1")]
    [InlineData("<|start_header_id|>assistant<|end_header_id|>\\n\\n>>>all\\n{{ content }}", "functionary-v3.2")]
    [InlineData("Action: ```json\\n[{\"tool_name\": title of the tool, \"parameters\": ...}]```", "command-r-plus")]
    [InlineData("<|START_THINKING|>{{ thinking }}<|END_THINKING|><|START_ACTION|>[{{ calls }}]<|END_ACTION|>", "command-r7b")]
    [InlineData("<tool_call>{{ tc.name }}\\n<arg_key>{{ k }}</arg_key>\\n<arg_value>{{ v }}</arg_value>\\n</tool_call>", "glm-4.5")]
    [InlineData("<|start|>assistant to=functions.{{ name }}<|channel|>commentary json<|message|>{{ args }}<|call|>", "gpt-oss")]
    [InlineData("{% for message in messages %}<|im_start|>{{ message.role }}\\n{{ message.content }}<|im_end|>\\n{% endfor %}", "generic")]
    [InlineData("", "generic")]
    public void Family_is_detected_from_the_template_text(string template, string expected) =>
        Assert.Equal(expected, ToolCallFormat.Detect(template.Replace("\\n", "\n", StringComparison.Ordinal)).Name);

    [Fact]
    public void Model_names_in_the_template_do_not_matter() =>
        Assert.Equal("generic", ToolCallFormat.Detect("{# Qwen3 Hermes Llama-3.1 Mistral DeepSeek #}{{ messages }}").Name);
}
