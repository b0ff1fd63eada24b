using static Inference.Server.Tests.Protocol.RequestParsing;

namespace Inference.Server.Tests.Protocol;

/// <summary>The sampling fields both endpoints share, read through the chat endpoint.</summary>
public class GenerationParametersParsingTests
{
    [Fact]
    public void Every_sampling_field_is_read()
    {
        var generation = ChatWith("""
            "max_tokens":100,"temperature":0.7,"top_p":0.9,"top_k":40,"min_p":0.05,"seed":42,
            "presence_penalty":0.5,"frequency_penalty":-0.5,"repeat_penalty":1.1,"repeat_last_n":128,
            "logit_bias":{"15":-100,"2000":2.5},"stop":["\n\n","END"],"n":1
            """).Generation;

        Assert.Equal(100, generation.MaxTokens);
        Assert.Equal(0.7f, generation.Temperature);
        Assert.Equal(0.9f, generation.TopP);
        Assert.Equal(40, generation.TopK);
        Assert.Equal(0.05f, generation.MinP);
        Assert.Equal(42u, generation.Seed);
        Assert.Equal(0.5f, generation.PresencePenalty);
        Assert.Equal(-0.5f, generation.FrequencyPenalty);
        Assert.Equal(1.1f, generation.RepeatPenalty);
        Assert.Equal(128, generation.RepeatLastN);
        Assert.Equal(new Dictionary<int, float> { [15] = -100f, [2000] = 2.5f }, generation.LogitBias);
        Assert.Equal(["\n\n", "END"], generation.Stop);
    }

    [Theory]
    [InlineData("\"max_tokens\":10", 10)]
    [InlineData("\"max_completion_tokens\":20", 20)]
    [InlineData("\"max_tokens\":10,\"max_completion_tokens\":20", 20)]
    [InlineData("\"max_tokens\":null", null)]
    public void Max_completion_tokens_wins_over_max_tokens(string fields, int? expected)
    {
        Assert.Equal(expected, ChatWith(fields).Generation.MaxTokens);
    }

    [Theory]
    [InlineData("\"stop\":\"END\"", new[] { "END" })]
    [InlineData("\"stop\":\"\"", new string[0])]
    [InlineData("\"stop\":[\"a\",\"\",\"b\"]", new[] { "a", "b" })]
    [InlineData("\"stop\":null", new string[0])]
    public void Stop_is_a_string_or_an_array_and_empty_strings_are_dropped(string fields, string[] expected)
    {
        Assert.Equal(expected, ChatWith(fields).Generation.Stop);
    }

    [Fact]
    public void Up_to_sixteen_stop_strings_are_accepted()
    {
        var sixteen = string.Join(",", Enumerable.Range(0, 16).Select(i => $"\"s{i}\""));

        Assert.Equal(16, ChatWith($"\"stop\":[{sixteen}]").Generation.Stop.Count);
        AssertInvalidRequest(ChatErrorWith($"\"stop\":[{sixteen},\"s16\"]"), "stop", "invalid_value");
    }

    [Theory]
    [InlineData("\"seed\":-1", null)]
    [InlineData("\"seed\":0", 0u)]
    [InlineData("\"seed\":4294967294", 4294967294u)]
    public void Seed_minus_one_means_random(string fields, uint? expected)
    {
        Assert.Equal(expected, ChatWith(fields).Generation.Seed);
    }

    [Theory]
    [InlineData("\"temperature\":0", 0f)]
    [InlineData("\"temperature\":2", 2f)]
    [InlineData("\"temperature\":1", 1f)]
    [InlineData("\"top_p\":1", 1f)]
    [InlineData("\"min_p\":0", 0f)]
    [InlineData("\"min_p\":1", 1f)]
    public void Range_bounds_are_inclusive_where_the_spec_says(string fields, float expected)
    {
        var generation = ChatWith(fields).Generation;

        Assert.Equal(expected, generation.Temperature ?? generation.TopP ?? generation.MinP);
    }

    [Theory]
    [InlineData("\"max_tokens\":0", "max_tokens")]
    [InlineData("\"max_tokens\":-1", "max_tokens")]
    [InlineData("\"max_completion_tokens\":0", "max_completion_tokens")]
    [InlineData("\"max_tokens\":1.5", "max_tokens")]
    [InlineData("\"max_tokens\":3000000000", "max_tokens")]
    [InlineData("\"temperature\":-0.1", "temperature")]
    [InlineData("\"temperature\":2.01", "temperature")]
    [InlineData("\"temperature\":1e400", "temperature")]
    [InlineData("\"top_p\":0", "top_p")]
    [InlineData("\"top_p\":1.1", "top_p")]
    [InlineData("\"top_k\":-1", "top_k")]
    [InlineData("\"min_p\":-0.1", "min_p")]
    [InlineData("\"min_p\":1.5", "min_p")]
    [InlineData("\"presence_penalty\":-2.5", "presence_penalty")]
    [InlineData("\"presence_penalty\":2.5", "presence_penalty")]
    [InlineData("\"frequency_penalty\":-3", "frequency_penalty")]
    [InlineData("\"frequency_penalty\":3", "frequency_penalty")]
    [InlineData("\"repeat_penalty\":0", "repeat_penalty")]
    [InlineData("\"repeat_last_n\":-1", "repeat_last_n")]
    [InlineData("\"seed\":-2", "seed")]
    [InlineData("\"seed\":4294967295", "seed")]
    [InlineData("\"seed\":1.5", "seed")]
    [InlineData("\"logit_bias\":{\"abc\":1}", "logit_bias")]
    [InlineData("\"logit_bias\":{\"-5\":1}", "logit_bias")]
    [InlineData("\"logit_bias\":{\"5\":100.5}", "logit_bias")]
    [InlineData("\"logit_bias\":{\"5\":-101}", "logit_bias")]
    public void An_out_of_range_value_is_a_400_naming_it(string fields, string param)
    {
        var error = ChatErrorWith(fields);

        AssertInvalidRequest(error, param, "invalid_value");
        Assert.StartsWith($"Invalid '{param}': ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_range_message_says_what_was_expected_and_what_came()
    {
        var error = ChatErrorWith("\"temperature\":3");

        Assert.Equal("Invalid 'temperature': expected a number at least 0 and at most 2, but got 3 instead.", error.Message);
    }

    [Theory]
    [InlineData("\"temperature\":\"0.5\"", "temperature")]
    [InlineData("\"top_p\":true", "top_p")]
    [InlineData("\"top_k\":\"40\"", "top_k")]
    [InlineData("\"max_tokens\":\"10\"", "max_tokens")]
    [InlineData("\"seed\":\"1\"", "seed")]
    [InlineData("\"stop\":5", "stop")]
    [InlineData("\"stop\":[\"a\",5]", "stop[1]")]
    [InlineData("\"logit_bias\":[1]", "logit_bias")]
    [InlineData("\"logit_bias\":{\"5\":\"high\"}", "logit_bias")]
    [InlineData("\"n\":\"1\"", "n")]
    public void A_wrong_typed_sampling_field_is_a_400_naming_it(string fields, string param)
    {
        AssertInvalidRequest(ChatErrorWith(fields), param, "invalid_type");
    }
}
