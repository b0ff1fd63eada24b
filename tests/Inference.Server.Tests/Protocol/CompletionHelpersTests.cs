using Inference.Engine;
using Inference.Server.OpenAi;

namespace Inference.Server.Tests.Protocol;

public class CompletionHelpersTests
{
    [Theory]
    [InlineData(FinishReason.Stop, false, "stop")]
    [InlineData(FinishReason.Stop, true, "tool_calls")]
    [InlineData(FinishReason.Length, false, "length")]
    [InlineData(FinishReason.Length, true, "length")]
    public void Finish_reasons_map_to_openais(FinishReason reason, bool calledTools, string expected)
    {
        Assert.Equal(expected, FinishReasons.From(reason, calledTools));
    }

    [Theory]
    [InlineData(FinishReason.Cancelled)]
    [InlineData(FinishReason.Error)]
    public void Cancelled_and_failed_generations_have_no_finish_reason(FinishReason reason)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FinishReasons.From(reason, calledTools: false));
    }

    [Fact]
    public void Ids_have_openais_prefixes_and_are_unique()
    {
        Assert.Matches("^chatcmpl-[A-Za-z0-9]{29}$", CompletionIds.NewChatCompletionId());
        Assert.Matches("^cmpl-[A-Za-z0-9]{29}$", CompletionIds.NewTextCompletionId());
        Assert.NotEqual(CompletionIds.NewChatCompletionId(), CompletionIds.NewChatCompletionId());
    }

    [Fact]
    public void Usage_comes_from_the_generation_result()
    {
        var result = new GenerationResult(FinishReason.Stop, 10, 4, new GenerationTimings(0, 0, 0, 0));

        Assert.Equal(new CompletionUsage(10, 4), CompletionUsage.From(result));
        Assert.Equal(14, CompletionUsage.From(result).TotalTokens);
    }
}
