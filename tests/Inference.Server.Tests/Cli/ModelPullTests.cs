using System.Security.Cryptography;
using Inference.Server.Cli;
using Inference.Server.Hosting;
using Inference.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Inference.Server.Tests.Cli;

/// <summary>
/// `inference model pull` as the chart's init container runs it: the real program in a child process, against a real
/// Kestrel file server on 127.0.0.1 (standing in for the Hub through HF_ENDPOINT, and for any https host).
/// </summary>
public sealed class ModelPullTests : IAsyncLifetime
{
    private readonly string _cache = Directory.CreateTempSubdirectory("pull-cache-").FullName;
    private readonly List<string?> _ranges = [];
    private byte[] _model = [];
    private WebApplication _server = null!;
    private Func<HttpContext, Task>? _firstResponse;

    private string BaseUrl => _server.Urls.First();

    public async Task InitializeAsync()
    {
        _model = await File.ReadAllBytesAsync(TestModels.Tiny);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _server = builder.Build();
        _server.MapGet("/files/{name}", async (HttpContext context, string name) =>
        {
            lock (_ranges)
            {
                _ranges.Add(context.Request.Headers.Range.ToString() is { Length: > 0 } range ? range : null);
            }

            if (Interlocked.Exchange(ref _firstResponse, null) is { } first)
            {
                await first(context);
                return;
            }

            var body = name switch
            {
                "not-a-model.gguf" => "this is not a GGUF file, only some text long enough to read a header from"u8.ToArray(),
                "embed.gguf" => File.ReadAllBytes(TestModels.Embedding),
                _ => _model,
            };
            await Results.Bytes(body, "application/octet-stream", enableRangeProcessing: true).ExecuteAsync(context);
        });
        await _server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_cache, recursive: true);
    }

    [Fact]
    public async Task A_cut_download_resumes_with_a_range_request_and_ends_validated()
    {
        var half = _model.Length / 2;
        _firstResponse = async context =>
        {
            context.Response.ContentLength = _model.Length;
            await context.Response.Body.WriteAsync(_model.AsMemory(0, half));
            await context.Response.Body.FlushAsync();
            context.Abort(); // the connection drops mid-file
        };
        var url = $"{BaseUrl}/files/model.gguf";

        var cut = await Pull(url);
        Assert.True(cut.ExitCode == (int)ModelPullFailure.Transfer, cut.ToString());
        Assert.Contains("run again to resume", cut.Error, StringComparison.Ordinal);
        var target = ModelPuller.CachePath(url, _cache);
        Assert.False(File.Exists(target));
        var kept = new FileInfo(target + ".partial").Length;
        Assert.InRange(kept, 1, _model.Length - 1);

        var resumed = await Pull(url, "--sha256", Sha256(_model));
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal([null, $"bytes={kept}-"], _ranges);
        Assert.Equal(_model, await File.ReadAllBytesAsync(target));
        Assert.Equal(target, resumed.Output.TrimEnd().Split('\n')[^1]);
        Assert.Contains("100%", resumed.Output, StringComparison.Ordinal); // plain progress lines when not on a terminal
        Assert.False(File.Exists(target + ".partial"));
    }

    [Fact]
    public async Task A_partial_longer_than_the_file_is_not_taken_as_complete_but_downloaded_again()
    {
        var url = $"{BaseUrl}/files/model.gguf";
        var target = ModelPuller.CachePath(url, _cache);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await File.WriteAllBytesAsync(target + ".partial", [.. _model, .. new byte[100]]);

        var pulled = await Pull(url, "--sha256", Sha256(_model));

        Assert.True(pulled.ExitCode == 0, pulled.ToString());
        Assert.Equal([$"bytes={_model.Length + 100}-", null], _ranges); // 416 with bytes */LENGTH, then the whole file
        Assert.Equal(_model, await File.ReadAllBytesAsync(target));
    }

    [Theory]
    [InlineData("/models/..%2F..%2F..%2Fescape.gguf")]
    [InlineData("/models/%2E%2E/%2e%2e/..%5C..%5Cescape.gguf")]
    public void An_escaped_path_in_a_url_stays_inside_the_cache(string path)
    {
        var target = Path.GetFullPath(ModelPuller.CachePath("http://127.0.0.1:1" + path, _cache));

        Assert.StartsWith(Path.Combine(_cache, "models", "url") + Path.DirectorySeparatorChar, target, StringComparison.Ordinal);
        Assert.EndsWith("escape.gguf", target, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_checksum_mismatch_fails_with_its_exit_code_and_keeps_nothing()
    {
        var url = $"{BaseUrl}/files/model.gguf";
        var result = await Pull(url, "--sha256", Sha256("something else"u8.ToArray()));

        Assert.True(result.ExitCode == (int)ModelPullFailure.ChecksumMismatch, result.ToString());
        Assert.Contains("SHA-256 mismatch", result.Error, StringComparison.Ordinal);
        Assert.Contains(Sha256(_model), result.Error, StringComparison.Ordinal);
        var target = ModelPuller.CachePath(url, _cache);
        Assert.False(File.Exists(target));
        Assert.False(File.Exists(target + ".partial"));
    }

    [Fact]
    public async Task A_file_that_is_not_gguf_fails_validation()
    {
        var result = await Pull($"{BaseUrl}/files/not-a-model.gguf");

        Assert.True(result.ExitCode == (int)ModelPullFailure.InvalidModel, result.ToString());
        Assert.Contains("GGUF", result.Error, StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(ModelPuller.CachePath($"{BaseUrl}/files/not-a-model.gguf", _cache)));
    }

    [Fact]
    public async Task A_missing_file_is_a_transfer_error_naming_the_status()
    {
        var result = await Pull($"{BaseUrl}/nothing/here.gguf");

        Assert.True(result.ExitCode == (int)ModelPullFailure.Transfer, result.ToString());
        Assert.Contains("404", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hub_reference_lands_where_the_server_looks_and_a_second_pull_only_checks_it()
    {
        // HF_ENDPOINT points the Hub client at the local server; /owner/repo/resolve/main/file maps onto /files/file.
        var hubServer = $"{BaseUrl}/hub";
        _server.MapGet("/hub/owner/repo/resolve/main/{name}", (string name) => Results.Bytes(_model, "application/octet-stream", enableRangeProcessing: true));
        var environment = new Dictionary<string, string> { ["HF_ENDPOINT"] = hubServer };

        var first = await InferenceProcess.RunAsync(["model", "pull", "hf:owner/repo/model.gguf", "--cache-dir", _cache], environment);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(HuggingFaceReference.TryParse("hf:owner/repo/model.gguf", out var reference));
        var expected = HuggingFaceDownloader.CachePath(reference!, _cache);
        Assert.Equal(expected, first.Output.TrimEnd().Split('\n')[^1]);
        Assert.Equal(_model, await File.ReadAllBytesAsync(expected));

        // The server's own resolution of the same reference finds that file without downloading.
        var stamp = File.GetLastWriteTimeUtc(expected);
        var second = await InferenceProcess.RunAsync(["model", "pull", "hf:owner/repo/model.gguf", "--cache-dir", _cache, "--sha256", Sha256(_model)], environment);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(expected));
    }

    [Fact]
    public async Task The_server_resolves_a_url_to_the_file_the_pull_left_without_downloading_again()
    {
        var url = $"{BaseUrl}/files/model.gguf";
        var pulled = await Pull(url);
        Assert.True(pulled.ExitCode == 0, pulled.ToString());

        var http = new NewClientFactory();
        var hub = new HuggingFaceDownloader(http, NullLogger<HuggingFaceDownloader>.Instance);
        var source = new ModelSource(hub, new ModelPuller(http, hub, NullLogger<ModelPuller>.Instance), new DefaultModelMaker(NullLogger<DefaultModelMaker>.Instance));
        var resolved = source.Resolve(new ServerOptions { Model = url, CacheDir = _cache }, CancellationToken.None);

        Assert.Equal(pulled.Output.TrimEnd().Split('\n')[^1], resolved);
        Assert.Single(_ranges); // the pull's request only
    }

    [Fact]
    public async Task An_embedding_model_url_is_pulled_into_the_cache_and_served()
    {
        var url = $"{BaseUrl}/files/embed.gguf";
        await using var app = ServerApp.Build(
            new ServerOptions { Model = TestModels.Tiny, EmbeddingModel = url, CacheDir = _cache, Port = 0, GrpcPort = 0, Parallel = 1, CtxSize = 512, Threads = TestModels.Threads },
            logging => logging.ClearProviders());
        await app.StartAsync();

        var served = await app.Services.GetRequiredService<EmbeddingHost>().Ready;

        Assert.Equal("embed", served!.Id);
        Assert.True(File.Exists(ModelPuller.CachePath(url, _cache)));
        await app.StopAsync();
    }

    [Fact]
    public async Task A_local_file_is_copied_into_the_cache_and_checked()
    {
        var result = await Pull(TestModels.Tiny, "--sha256", Sha256(_model).ToUpperInvariant());

        Assert.True(result.ExitCode == 0, result.ToString());
        var target = Path.Combine(_cache, "models", "local", Path.GetFileName(TestModels.Tiny));
        Assert.Equal(target, result.Output.TrimEnd().Split('\n')[^1]);
        Assert.Equal(_model, await File.ReadAllBytesAsync(target));
    }

    /// <summary>On a terminal (a pseudo-terminal from util-linux `script`) the pull draws a progress bar instead of lines.</summary>
    [PseudoTerminalFact]
    public async Task On_a_terminal_the_pull_draws_a_progress_bar()
    {
        var script = PseudoTerminalFactAttribute.Script!;
        var pull = string.Join(' ', new[] { "dotnet", Path.Combine(AppContext.BaseDirectory, "inference.dll"), "model", "pull", TestModels.Tiny, "--cache-dir", _cache }
            .Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        var result = await InferenceProcess.RunProgramAsync(script, ["-qec", pull, "/dev/null"], new Dictionary<string, string> { ["TERM"] = "xterm-256color" });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("\u001b[", result.Output, StringComparison.Ordinal); // ANSI drawing
        Assert.Contains("━", result.Output, StringComparison.Ordinal); // the bar
        Assert.DoesNotContain("pull: " + TestModels.Tiny + ": 10%", result.Output, StringComparison.Ordinal); // no plain lines
    }

    [Theory]
    [InlineData("/a/long/checkout/path/artifacts/test-models/tiny-q8_0-seed42-v2.gguf", "tiny-q8_0-seed42-v2.gguf")]
    [InlineData("hf:owner/repo/model-Q4_K_M.gguf@main", "model-Q4_K_M.gguf@main")]
    [InlineData("https://127.0.0.1:1/files/a-model-file-name-that-goes-on-and-on-for-ever.gguf", "a-model-file-name-that-goes-on-…")]
    public void Beside_the_bar_a_reference_is_its_file_name_cut_to_fit(string reference, string title) =>
        Assert.Equal(title, PullProgressView.BarTitle(reference));

    [Theory]
    [InlineData("/no/such/model.gguf")]
    [InlineData("hf:only-owner/model.gguf")]
    public async Task A_reference_that_is_nothing_pullable_is_a_usage_error(string reference)
    {
        var result = await Pull(reference);

        Assert.True(result.ExitCode == (int)ModelPullFailure.BadReference, result.ToString());
        Assert.Contains("is not hf:owner/repo/file.gguf", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_checksum_is_a_usage_error()
    {
        var result = await Pull(TestModels.Tiny, "--sha256", "abc");

        Assert.True(result.ExitCode == (int)ModelPullFailure.BadReference, result.ToString());
        Assert.Contains("64 hex digits", result.Error, StringComparison.Ordinal);
    }

    private Task<ProcessResult> Pull(string reference, params string[] more) =>
        InferenceProcess.RunAsync(["model", "pull", reference, "--cache-dir", _cache, .. more]);

    private static string Sha256(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    private sealed class NewClientFactory : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }
}

/// <summary>Needs util-linux `script` for a pseudo-terminal (Debian's essential bsdutils has it): skipped without, failing under CI.</summary>
public sealed class PseudoTerminalFactAttribute : FactAttribute
{
    public static string? Script { get; } = new[] { "/usr/bin/script", "/bin/script" }.FirstOrDefault(File.Exists);

    public PseudoTerminalFactAttribute() => Skip = RequiredInput.SkipReason(Script is not null, "util-linux `script` (a pseudo-terminal) is not installed");
}
