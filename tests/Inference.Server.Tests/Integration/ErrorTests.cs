using System.Net.Http.Headers;
using System.Text;

namespace Inference.Server.Tests.Integration;

[Collection(ServerCollection.Name)]
public class ErrorTests(ServerFixture fixture)
{
    public static TheoryData<string, string?> BadChatBodies => new()
    {
        { """{"messages": [{"role":"user","content":"hi"}]""", null },                       // truncated JSON
        { """{"max_tokens":5}""", "messages" },
        { """{"messages":"not an array"}""", "messages" },
        { """{"messages":[{"role":"user","content":"hi"}],"temperature":"hot"}""", "temperature" },
        { """{"messages":[{"role":"user","content":"hi"}],"max_tokens":0}""", "max_tokens" },
        { """{"messages":[{"role":"user","content":"hi"}],"temperature":-1}""", "temperature" },
        { """{"messages":[{"role":"user","content":"hi"}],"top_p":1.5}""", "top_p" },
        { """{"messages":[{"role":"user","content":"hi"}],"top_p":0}""", "top_p" },
        { """{"messages":[{"role":"wizard","content":"hi"}]}""", "messages[0].role" },
        { """{"messages":[{"role":"user","content":"hi"}],"logit_bias":{"99999999":5}}""", "logit_bias" },
        { """{"messages":[{"role":"user","content":"hi"}],"response_format":{"type":"json_schema","json_schema":{"name":"x","schema":{"type":"object","patternProperties":{"a":{}}}}}}""", "response_format" },
        { """{"messages":[{"role":"user","content":"hi"}],"grammar":"root ::= ( unclosed"}""", "grammar" },
    };

    [Theory]
    [MemberData(nameof(BadChatBodies))]
    public async Task Bad_chat_requests_get_a_400_in_openai_shape_naming_the_field(string body, string? param)
    {
        var (status, json, _) = await JsonHttp.PostAsync(fixture.Http, "/v1/chat/completions", body);

        Assert.Equal(400, status);
        JsonHttp.AssertOpenAiError(json, param);
        Assert.Equal("invalid_request_error", json.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task After_every_kind_of_bad_request_the_server_still_serves()
    {
        foreach (var row in BadChatBodies)
        {
            await JsonHttp.PostAsync(fixture.Http, "/v1/chat/completions", (string)row[0]);
        }

        var (status, json, _) = await JsonHttp.PostAsync(fixture.Http, "/v1/chat/completions", """{"messages":[{"role":"user","content":"hi"}],"max_tokens":3,"ignore_eos":true}""");

        Assert.Equal(200, status);
        Assert.Equal(3, json.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Theory]
    [InlineData("/v1/chat/completions")]
    [InlineData("/v1/completions")]
    [InlineData("/apply-template")]
    public async Task A_body_with_invalid_utf8_is_a_400_invalid_json(string path)
    {
        byte[] body = [.. "{\"messages\":[{\"role\":\"user\",\"content\":\""u8, 0xff, 0xfe, 0xfd, .. "\"}],\"prompt\":\"x\"}"u8];
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await fixture.Http.PostAsync(path, content);

        Assert.Equal(400, (int)response.StatusCode);
        var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        JsonHttp.AssertOpenAiError(json, code: "invalid_json");
        Assert.Contains("UTF-8 (line 1, byte 40 ", json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"\ud800"}]}""", "messages[0].content")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}],"stop":["\udfff\ud800"]}""", "stop[0]")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}],"chat_template_kwargs":{"\uDC00":1}}""", "chat_template_kwargs (a field name)")]
    public async Task A_string_with_an_unpaired_surrogate_escape_is_a_400_naming_where(string body, string param)
    {
        var (status, json, _) = await JsonHttp.PostAsync(fixture.Http, "/v1/chat/completions", body);

        Assert.Equal(400, status);
        JsonHttp.AssertOpenAiError(json, param, "invalid_json");
    }

    [Fact]
    public async Task A_string_with_a_paired_surrogate_escape_is_served()
    {
        var (status, _, _) = await JsonHttp.PostAsync(fixture.Http, "/apply-template", """{"messages":[{"role":"user","content":"\ud83d\ude00"}]}""");

        Assert.Equal(200, status);
    }

    [Theory]
    [InlineData("/v1/chat/completions", """{"messages":[{"role":"user","content":"hi"}],"max_tokens":10000000}""", "messages")]
    [InlineData("/v1/chat/completions", """{"messages":[{"role":"user","content":"hi"}],"max_completion_tokens":4096}""", "messages")]
    [InlineData("/v1/completions", """{"prompt":"hi","max_tokens":10000000}""", "prompt")]
    [InlineData("/v1/completions", """{"prompt":[1,2,3],"max_tokens":4094}""", "prompt")]
    public async Task Prompt_plus_max_tokens_over_the_context_is_a_400_naming_both_numbers(string path, string body, string param)
    {
        var (status, json, _) = await JsonHttp.PostAsync(fixture.Http, path, body);

        Assert.Equal(400, status);
        JsonHttp.AssertOpenAiError(json, param, "context_length_exceeded");
        var message = json.GetProperty("error").GetProperty("message").GetString()!;
        Assert.Contains("maximum context length is 4096 tokens", message, StringComparison.Ordinal);
        var maxTokens = System.Text.RegularExpressions.Regex.Match(body, "max_(?:completion_)?tokens\":(\\d+)").Groups[1].Value;
        Assert.Contains($" in the {param}, {maxTokens} in the completion", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prompt_plus_max_tokens_that_just_fits_the_context_is_served()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/completions")
        {
            Content = new StringContent("""{"prompt":[1,2,3],"max_tokens":4093,"stream":true}""", Encoding.UTF8, "application/json"),
        };
        using (var response = await fixture.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(200, (int)response.StatusCode);
        }

        // Disposing the response left the stream: the engine frees the slot.
        await fixture.WaitForIdleAsync();
    }

    [Fact]
    public async Task An_unknown_model_is_a_404()
    {
        var (status, json, _) = await JsonHttp.PostAsync(fixture.Http, "/v1/chat/completions", """{"model":"no-such-model","messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(404, status);
        JsonHttp.AssertOpenAiError(json, code: "model_not_found");
    }

    [Fact]
    public async Task A_prompt_over_the_context_is_a_400_context_length_exceeded_with_both_numbers()
    {
        var longText = string.Concat(Enumerable.Repeat("many words make a very long prompt ", 1200));
        var (status, json, _) = await JsonHttp.PostAsync(fixture.Http, "/v1/completions", $$"""{"prompt":"{{longText}}","max_tokens":5}""");

        Assert.Equal(400, status);
        JsonHttp.AssertOpenAiError(json, "prompt", "context_length_exceeded");
        var message = json.GetProperty("error").GetProperty("message").GetString()!;
        Assert.Contains("4096", message, StringComparison.Ordinal);
        var promptTokens = fixture.Served.Model.Vocab.Tokenize(longText, addSpecial: true, parseSpecial: true).Length;
        Assert.Contains(promptTokens.ToString(System.Globalization.CultureInfo.InvariantCulture), message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413()
    {
        var huge = new string('a', 300 * 1024);
        var (status, json, _) = await JsonHttp.PostAsync(fixture.Http, "/v1/chat/completions", $$"""{"messages":[{"role":"user","content":"{{huge}}"}]}""");

        Assert.Equal(413, status);
        JsonHttp.AssertOpenAiError(json);
    }

    [Fact]
    public async Task Unknown_routes_and_garbage_content_types_never_produce_html_or_500()
    {
        var (status, json) = await JsonHttp.GetAsync(fixture.Http, "/v1/no-such-thing");
        Assert.Equal(404, status);
        JsonHttp.AssertOpenAiError(json);

        using var content = new ByteArrayContent([0xff, 0xfe, 0x00, 0x01]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await fixture.Http.PostAsync("/v1/chat/completions", content);
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_client_that_disconnects_mid_stream_frees_its_slot_and_kv_cells()
    {
        await fixture.WaitForIdleAsync();
        var body = """{"messages":[{"role":"user","content":"a long answer please"}],"max_tokens":3000,"stream":true}""";
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") })
        using (var response = await fixture.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            for (var chunks = 0; chunks < 5;)
            {
                var line = await reader.ReadLineAsync();
                if (line!.StartsWith("data: ", StringComparison.Ordinal))
                {
                    chunks++;
                }
            }

            Assert.Equal(1, fixture.Served.Engine.Statistics.SlotsBusy);
        }

        // Disposing the response closed the connection: the engine must let go within a step.
        await fixture.WaitForIdleAsync();

        var (status, _) = await JsonHttp.GetAsync(fixture.Http, "/health");
        Assert.Equal(200, status);
    }
}
