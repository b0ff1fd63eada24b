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

        var (status, json, _) = await JsonHttp.PostAsync(fixture.Http, "/v1/chat/completions", """{"messages":[{"role":"user","content":"hi"}],"max_tokens":3}""");

        Assert.Equal(200, status);
        Assert.Equal(3, json.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
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
