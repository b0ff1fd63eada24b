using Inference.Engine;
using Inference.Server.OpenAi;
using static Inference.Server.Tests.Protocol.RequestParsing;

namespace Inference.Server.Tests.Protocol;

public class SamplingMapperTests
{
    private const int VocabSize = 32000;

    [Fact]
    public void Without_fields_the_neutral_openai_defaults_apply()
    {
        var sampling = SamplingMapper.ToSamplingOptions(new GenerationParameters(), VocabSize);

        Assert.Equal(new SamplingOptions(), sampling);
        Assert.Equal(1f, sampling.Temperature);
        Assert.False(sampling.IsGreedy);
    }

    [Fact]
    public void Temperature_zero_is_greedy()
    {
        var sampling = SamplingMapper.ToSamplingOptions(new GenerationParameters { Temperature = 0 }, VocabSize);

        Assert.True(sampling.IsGreedy);
    }

    [Fact]
    public void Every_field_maps_onto_the_engine_options()
    {
        var parameters = ChatWith("""
            "temperature":0.7,"top_p":0.9,"top_k":40,"min_p":0.05,"seed":42,"presence_penalty":0.5,
            "frequency_penalty":0.25,"repeat_penalty":1.1,"repeat_last_n":128,"logit_bias":{"15":-100},
            "grammar":"root ::= \"x\""
            """).Generation;

        var sampling = SamplingMapper.ToSamplingOptions(parameters, VocabSize);

        Assert.Equal(0.7f, sampling.Temperature);
        Assert.Equal(0.9f, sampling.TopP);
        Assert.Equal(40, sampling.TopK);
        Assert.Equal(0.05f, sampling.MinP);
        Assert.Equal(42u, sampling.Seed);
        Assert.Equal(0.5f, sampling.PresencePenalty);
        Assert.Equal(0.25f, sampling.FrequencyPenalty);
        Assert.Equal(1.1f, sampling.RepeatPenalty);
        Assert.Equal(128, sampling.PenaltyLastN);
        Assert.Equal(-100f, sampling.LogitBias![15]);
        Assert.Equal("root ::= \"x\"", sampling.Grammar);
    }

    [Fact]
    public void Server_defaults_fill_only_what_the_client_left_out()
    {
        var defaults = new SamplingOptions { Temperature = 0.8f, TopK = 40, MinP = 0.05f, Seed = 7 };

        var sampling = SamplingMapper.ToSamplingOptions(new GenerationParameters { Temperature = 0.2f }, VocabSize, defaults);

        Assert.Equal(0.2f, sampling.Temperature);
        Assert.Equal(40, sampling.TopK);
        Assert.Equal(0.05f, sampling.MinP);
        Assert.Equal(7u, sampling.Seed);
        Assert.Null(sampling.LogitBias);
    }

    [Fact]
    public void A_logit_bias_token_outside_the_vocabulary_is_a_400()
    {
        var parameters = ChatWith("\"logit_bias\":{\"32000\":1}").Generation;

        var error = Assert.Throws<OpenAiException>(() => SamplingMapper.ToSamplingOptions(parameters, VocabSize)).Error;

        AssertInvalidRequest(error, "logit_bias", "invalid_value");
        Assert.Contains("32000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_generation_request_carries_limits_stops_and_the_prompt()
    {
        var parameters = ChatWith("\"max_tokens\":12,\"stop\":[\"END\"],\"ignore_eos\":true,\"temperature\":0").Generation;

        var request = SamplingMapper.ToGenerationRequest(parameters, [1, 2, 3], VocabSize, "chatcmpl-x");

        Assert.Equal([1, 2, 3], request.PromptTokens);
        Assert.Equal(12, request.MaxTokens);
        Assert.Equal(["END"], request.Stop);
        Assert.True(request.IgnoreEndOfGeneration);
        Assert.Equal("chatcmpl-x", request.Id);
        Assert.True(request.Sampling.IsGreedy);
    }

    [Fact]
    public void Prompt_token_ids_are_checked_against_the_vocabulary()
    {
        SamplingMapper.EnsureInVocabulary([0, VocabSize - 1], VocabSize, "prompt");

        var error = Assert.Throws<OpenAiException>(() => SamplingMapper.EnsureInVocabulary([5, VocabSize], VocabSize, "prompt")).Error;
        AssertInvalidRequest(error, "prompt", "invalid_value");
    }
}
