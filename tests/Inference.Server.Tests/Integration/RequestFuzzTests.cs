using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Inference.Server.Hosting;
using Xunit.Abstractions;

namespace Inference.Server.Tests.Integration;

/// <summary>A server of its own with a small context: a mutated body that still starts a generation ends within 256 tokens.</summary>
public sealed class FuzzServerFixture : ServerFixture
{
    protected override ServerOptions Options => base.Options with { CtxSize = 256, Parallel = 4 };
}

/// <summary>
/// Fuzzes the request parsers through the real server: a bounded number of bodies per endpoint, mutated from
/// valid ones or random, from a fixed seed (a failure names the body, and the same run repeats it).
/// No body may get a 5xx, and every error must be the OpenAI error object.
/// </summary>
public class RequestFuzzTests(FuzzServerFixture fixture, ITestOutputHelper output) : IClassFixture<FuzzServerFixture>
{
    private const int BodiesPerEndpoint = 500;
    private const int Concurrency = 4;

    private static readonly string[] ChatBodies =
    [
        """{"model":"inference-tiny","messages":[{"role":"system","content":"be brief"},{"role":"user","content":"hi"}],"max_tokens":2,"temperature":0}""",
        """{"messages":[{"role":"user","content":"hi"}],"max_completion_tokens":2,"stream":true,"stream_options":{"include_usage":true},"stop":["\n","x"],"seed":1,"top_p":0.9,"top_k":40,"min_p":0.05}""",
        """{"messages":[{"role":"user","content":[{"type":"text","text":"hi"}]},{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{\"a\":1}"}}]},{"role":"tool","tool_call_id":"c1","content":"ok"}],"tools":[{"type":"function","function":{"name":"f","description":"d","parameters":{"type":"object","properties":{"a":{"type":"integer"}},"required":["a"]}}}],"tool_choice":"required","max_tokens":2}""",
        """{"messages":[{"role":"user","content":"hi"}],"response_format":{"type":"json_schema","json_schema":{"name":"x","strict":true,"schema":{"type":"object","properties":{"n":{"type":"number","minimum":0}}}}},"max_tokens":2}""",
        """{"messages":[{"role":"user","content":"hi","name":"u"}],"logit_bias":{"5":-100},"presence_penalty":0.5,"frequency_penalty":0.5,"repeat_penalty":1.1,"repeat_last_n":16,"n":1,"user":"me","chat_template_kwargs":{"enable_thinking":false},"max_tokens":2,"ignore_eos":true}""",
        """{"messages":[{"role":"user","content":"hi"}],"grammar":"root ::= \"yes\" | \"no\"","max_tokens":2,"tool_choice":{"type":"function","function":{"name":"g"}},"tools":[{"type":"function","function":{"name":"g"}}],"parallel_tool_calls":false}""",
    ];

    private static readonly string[] CompletionBodies =
    [
        """{"model":"inference-tiny","prompt":"Once upon a time","max_tokens":2,"temperature":0}""",
        """{"prompt":[1,2,3],"max_tokens":2,"stream":true,"stream_options":{"include_usage":true},"stop":"x","echo":false,"best_of":1,"suffix":""}""",
        """{"prompt":["one prompt"],"max_tokens":2,"seed":7,"top_k":5,"logit_bias":{"3":1},"grammar":"root ::= [a-z]+","ignore_eos":true}""",
    ];

    public static TheoryData<string, int> Endpoints => new()
    {
        { "/v1/chat/completions", 1 },
        { "/v1/completions", 2 },
        { "/apply-template", 3 },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Mutated_and_random_bodies_never_get_a_5xx_and_every_error_is_an_openai_error(string path, int seed)
    {
        var fuzzer = new RequestFuzzer(seed);
        var valid = path == "/v1/completions" ? CompletionBodies : ChatBodies;
        var bodies = Enumerable.Range(0, BodiesPerEndpoint).Select(_ => fuzzer.Next(valid)).ToList();
        var failures = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<int, int>();

        await Parallel.ForEachAsync(bodies, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (body, _) =>
        {
            var (status, problem) = await CheckAsync(path, body);
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            if (problem is not null)
            {
                failures.Add($"{problem}\n    body: {Convert.ToBase64String(body)} ({Encoding.UTF8.GetString(body)})");
            }
        });

        output.WriteLine($"{path}: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Value} × {s.Key}")));
        Assert.True(failures.IsEmpty, $"{failures.Count} of {bodies.Count} bodies to {path} were mishandled:\n" + string.Join("\n", failures.Take(20)));
        var (status, _) = await JsonHttp.GetAsync(fixture.Http, "/health");
        Assert.Equal(200, status);
    }

    /// <summary>What is wrong with the answer to <paramref name="body"/>, or null when it is a success or a well-formed client error.</summary>
    private async Task<(int Status, string? Problem)> CheckAsync(string path, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await fixture.Http.PostAsync(path, content);
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        return (status, Problem(response, status, text));
    }

    private static string? Problem(HttpResponseMessage response, int status, string text)
    {
        if (status >= 500)
        {
            return $"{status}: {text}";
        }

        if (status is >= 200 and < 300)
        {
            return text.Length > 0 ? null : $"{status} with an empty body";
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            return $"{status} as {response.Content.Headers.ContentType}: {text}";
        }

        try
        {
            var error = JsonDocument.Parse(text).RootElement.GetProperty("error");
            var wellFormed = error.GetProperty("message").GetString() is { Length: > 0 }
                && error.GetProperty("type").GetString() is { Length: > 0 }
                && error.GetProperty("param").ValueKind is JsonValueKind.String or JsonValueKind.Null
                && error.GetProperty("code").ValueKind is JsonValueKind.String or JsonValueKind.Null;
            return wellFormed ? null : $"{status} with a malformed error: {text}";
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return $"{status} without an OpenAI error body: {text}";
        }
    }
}
