using System.Text;
using Inference.Server.OpenAi;
using static Inference.Server.Tests.Protocol.RequestParsing;

namespace Inference.Server.Tests.Protocol;

public class CompletionRequestParsingTests
{
    [Fact]
    public void A_text_prompt_and_the_shared_fields_are_read()
    {
        var request = Completion("""
            {"model":"m","prompt":"Once upon","max_tokens":5,"temperature":0,"stop":"\n","stream":true,
             "stream_options":{"include_usage":true},"user":"u","echo":false,"best_of":1,"suffix":null}
            """);

        Assert.Equal("m", request.Model);
        Assert.Equal("Once upon", request.Prompt.Text);
        Assert.Null(request.Prompt.Tokens);
        Assert.Equal(5, request.Generation.MaxTokens);
        Assert.Equal(0f, request.Generation.Temperature);
        Assert.Equal(["\n"], request.Generation.Stop);
        Assert.True(request.Stream);
        Assert.True(request.IncludeUsage);
        Assert.Equal("u", request.User);
    }

    [Theory]
    [InlineData("\"\"", "")]
    [InlineData("[\"only\"]", "only")]
    public void A_prompt_is_a_string_or_an_array_of_one_string(string prompt, string expected)
    {
        Assert.Equal(expected, Completion($$"""{"prompt":{{prompt}}}""").Prompt.Text);
    }

    [Theory]
    [InlineData("[1,2,3]")]
    [InlineData("[[1,2,3]]")]
    public void A_prompt_may_be_token_ids(string prompt)
    {
        var parsed = Completion($$"""{"prompt":{{prompt}}}""").Prompt;

        Assert.Null(parsed.Text);
        Assert.Equal([1, 2, 3], parsed.Tokens);
    }

    [Fact]
    public void Max_completion_tokens_belongs_to_chat_only_and_is_ignored_here()
    {
        Assert.Null(Completion("""{"prompt":"p","max_completion_tokens":0}""").Generation.MaxTokens);
    }

    [Theory]
    [InlineData("[\"a\",\"b\"]")]
    [InlineData("[[1],[2]]")]
    public void A_batch_of_prompts_is_a_clear_400(string prompt)
    {
        var error = CompletionError($$"""{"prompt":{{prompt}}}""");

        AssertInvalidRequest(error, "prompt", "unsupported_value");
        Assert.Contains("batches of prompts are not supported", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"model":"m"}""", "prompt", "missing_required_parameter")]
    [InlineData("""{"prompt":null}""", "prompt", "missing_required_parameter")]
    [InlineData("""{"prompt":[]}""", "prompt", "invalid_value")]
    [InlineData("""{"prompt":[[]]}""", "prompt[0]", "invalid_value")]
    [InlineData("""{"prompt":5}""", "prompt", "invalid_type")]
    [InlineData("""{"prompt":[true]}""", "prompt[0]", "invalid_type")]
    [InlineData("""{"prompt":[1,"a"]}""", "prompt[1]", "invalid_value")]
    [InlineData("""{"prompt":[1,-2]}""", "prompt[1]", "invalid_value")]
    [InlineData("""{"prompt":[1,2.5]}""", "prompt[1]", "invalid_value")]
    [InlineData("""{"prompt":[[1,"x"]]}""", "prompt[0][1]", "invalid_value")]
    [InlineData("""{"prompt":"p","n":3}""", "n", "unsupported_value")]
    [InlineData("""{"prompt":"p","best_of":2}""", "best_of", "unsupported_value")]
    [InlineData("""{"prompt":"p","logprobs":0}""", "logprobs", "unsupported_parameter")]
    [InlineData("""{"prompt":"p","echo":true}""", "echo", "unsupported_parameter")]
    [InlineData("""{"prompt":"p","suffix":"end"}""", "suffix", "unsupported_parameter")]
    [InlineData("""{"prompt":"p","max_tokens":0}""", "max_tokens", "invalid_value")]
    [InlineData("""{"prompt":"p","top_p":2}""", "top_p", "invalid_value")]
    public void Invalid_completion_requests_are_400s_naming_the_field(string body, string param, string code)
    {
        AssertInvalidRequest(CompletionError(body), param, code);
    }

    [Fact]
    public void Invalid_json_is_a_400()
    {
        AssertInvalidRequest(CompletionError("{\"prompt\":"), param: null, code: "invalid_json");
    }

    [Fact]
    public async Task ParseAsync_reads_a_stream()
    {
        using var body = new MemoryStream(Encoding.UTF8.GetBytes("""{"prompt":"Hi"}"""));

        var request = await CompletionRequestParser.ParseAsync(body, CancellationToken.None);

        Assert.Equal("Hi", request.Prompt.Text);
    }
}
