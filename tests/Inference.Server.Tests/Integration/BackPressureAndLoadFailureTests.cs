using System.Text;
using Inference.Server.Hosting;

namespace Inference.Server.Tests.Integration;

/// <summary>One slot and no queue: the second concurrent request must be refused with 429.</summary>
public sealed class SingleSlotServerFixture : ServerFixture
{
    protected override ServerOptions Options => base.Options with { Parallel = 1, MaxQueue = 0, BatchSize = 64 };
}

public class BackPressureTests(SingleSlotServerFixture fixture) : IClassFixture<SingleSlotServerFixture>
{
    [Fact]
    public async Task A_full_queue_answers_429_with_retry_after_and_the_running_request_is_unharmed()
    {
        var body = """{"messages":[{"role":"user","content":"occupy the only slot"}],"max_tokens":2000,"ignore_eos":true,"stream":true}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var running = await fixture.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await running.Content.ReadAsStreamAsync());
        await reader.ReadLineAsync(); // the role chunk: the request is submitted and counts against the one slot

        var (status, json, response) = await JsonHttp.PostAsync(fixture.Http, "/v1/chat/completions", """{"messages":[{"role":"user","content":"me too"}],"max_tokens":5}""");

        Assert.Equal(429, status);
        JsonHttp.AssertOpenAiError(json);
        Assert.True(response.Headers.RetryAfter is not null, "429 must carry Retry-After");

        var rest = await reader.ReadToEndAsync();
        Assert.Contains("data: [DONE]", rest, StringComparison.Ordinal);
        Assert.Contains("\"finish_reason\":\"length\"", rest, StringComparison.Ordinal);
    }
}

/// <summary>A truncated GGUF: the server must say so on /health and on requests, and keep running.</summary>
public sealed class CorruptModelServerFixture : ServerFixture
{
    private readonly string _corrupt = Path.Combine(Path.GetTempPath(), $"corrupt-{Guid.NewGuid():N}.gguf");

    protected override ServerOptions Options => base.Options with { Model = _corrupt };

    public override async Task InitializeAsync()
    {
        var bytes = await File.ReadAllBytesAsync(Inference.Testing.TestModels.Tiny);
        await File.WriteAllBytesAsync(_corrupt, bytes[..(bytes.Length / 2)]);
        await base.InitializeAsync();
    }

    protected override async Task WaitUntilLoadedAsync()
    {
        var host = App.Services.GetRequiredService<ModelHost>();
        await Assert.ThrowsAnyAsync<Exception>(() => host.Ready.WaitAsync(TimeSpan.FromMinutes(1)));
        File.Delete(_corrupt);
    }
}

public class LoadFailureTests(CorruptModelServerFixture fixture) : IClassFixture<CorruptModelServerFixture>
{
    [Fact]
    public async Task A_truncated_model_file_is_a_clear_503_on_health_and_requests_not_a_crash()
    {
        var (status, json) = await JsonHttp.GetAsync(fixture.Http, "/health");

        Assert.Equal(503, status);
        var message = json.GetProperty("error").GetProperty("message").GetString()!;
        Assert.Contains("corrupt-", message, StringComparison.Ordinal);
        Assert.Contains("past the end", message, StringComparison.OrdinalIgnoreCase);

        var (chatStatus, chatJson, _) = await JsonHttp.PostAsync(fixture.Http, "/v1/chat/completions", """{"messages":[{"role":"user","content":"hi"}]}""");
        Assert.Equal(503, chatStatus);
        JsonHttp.AssertOpenAiError(chatJson);
    }
}

/// <summary>A chat template that does not compile, on a private copy of the model (so that its memory map can be looked for).</summary>
public sealed class BadTemplateServerFixture : ServerFixture
{
    private readonly string _directory = Directory.CreateTempSubdirectory("bad-template-").FullName;

    public string ModelCopy => Path.Combine(_directory, "model.gguf");

    private string TemplateFile => Path.Combine(_directory, "broken.jinja");

    protected override ServerOptions Options => base.Options with { Model = ModelCopy, ChatTemplateFile = TemplateFile };

    public override async Task InitializeAsync()
    {
        File.Copy(Inference.Testing.TestModels.Tiny, ModelCopy);
        await File.WriteAllTextAsync(TemplateFile, "{% for message in messages %}{{ message.content ");
        await base.InitializeAsync();
    }

    protected override async Task WaitUntilLoadedAsync()
    {
        var host = App.Services.GetRequiredService<ModelHost>();
        await Assert.ThrowsAnyAsync<Exception>(() => host.Ready.WaitAsync(TimeSpan.FromMinutes(1)));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}

public class BadTemplateTests(BadTemplateServerFixture fixture) : IClassFixture<BadTemplateServerFixture>
{
    [Fact]
    public async Task A_chat_template_that_does_not_compile_fails_the_load_and_releases_the_loaded_model()
    {
        var (status, json) = await JsonHttp.GetAsync(fixture.Http, "/health");

        Assert.Equal(503, status);
        JsonHttp.AssertOpenAiError(json, code: "model_load_failed");

        // llama.cpp maps the model file while the model lives; the failed load must have freed it.
        var mappings = await File.ReadAllTextAsync("/proc/self/maps");
        Assert.DoesNotContain(fixture.ModelCopy, mappings, StringComparison.Ordinal);
    }
}
