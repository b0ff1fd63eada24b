using Inference.ToolCalling;
using Xunit;

namespace Inference.ToolCalling.Tests;

public class ParsingTests
{
    public static TheoryData<Sample> AllSamples => Samples.Theory();

    [Theory]
    [MemberData(nameof(AllSamples))]
    public void Recorded_replies_parse_into_content_reasoning_and_calls(Sample sample)
    {
        var message = sample.Format.Parse(sample.Output, sample.Options());
        Assert.Equal(sample.Content, message.Content);
        Assert.Equal(sample.Reasoning, message.Reasoning);
        Assert.Equal(sample.ExpectedCalls, message.ToolCalls.Select(c => (c.Name, c.Arguments)).ToArray());
        Assert.All(message.ToolCalls, c => Assert.Matches("^call_[A-Za-z0-9]{24}$", c.Id));
    }

    [Fact]
    public void Glm_values_without_schema_types_are_json_when_they_parse()
    {
        var message = ToolCallFormat.Glm.Parse("<tool_call>unknown\n<arg_key>n</arg_key>\n<arg_value>123</arg_value>\n<arg_key>s</arg_key>\n<arg_value>1abc</arg_value>\n</tool_call>");
        Assert.Equal("{\"n\":123,\"s\":\"1abc\"}", Assert.Single(message.ToolCalls).Arguments);
    }

    [Fact]
    public void Ids_are_openai_style_and_deterministic_when_seeded()
    {
        var first = ToolCallIdGenerator.Deterministic(3);
        var second = ToolCallIdGenerator.Deterministic(3);
        var ids = Enumerable.Range(0, 5).Select(_ => first.Next()).ToList();
        Assert.Equal(ids, Enumerable.Range(0, 5).Select(_ => second.Next()));
        Assert.All(ids, id => Assert.Matches("^call_[A-Za-z0-9]{24}$", id));
        Assert.Equal(5, ids.Distinct().Count());
        Assert.NotEqual(ToolCallIdGenerator.Random.Next(), ToolCallIdGenerator.Random.Next());
    }
}
