using Inference.Server.Hosting;
using Inference.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Inference.Server.Tests.Hosting;

/// <summary>The real downloader against a real HTTP server on 127.0.0.1 standing in for the Hub (HF_ENDPOINT).</summary>
[Collection(nameof(HuggingFaceDownloadTests))]
public class HuggingFaceDownloadTests
{
    [Theory]
    [InlineData("hf:owner/repo/model.gguf", "owner/repo", "model.gguf", "main")]
    [InlineData("hf:owner/repo/sub/dir/model-q8_0.gguf@v1.2", "owner/repo", "sub/dir/model-q8_0.gguf", "v1.2")]
    [InlineData("https://huggingface.co/owner/repo/resolve/abc123/model.gguf", "owner/repo", "model.gguf", "abc123")]
    public void References_parse_from_both_spellings(string text, string repository, string file, string revision)
    {
        Assert.True(HuggingFaceReference.TryParse(text, out var reference));
        Assert.Equal(new HuggingFaceReference(repository, file, revision), reference);
    }

    [Theory]
    [InlineData("/models/local.gguf")]
    [InlineData("hf:only-owner/model.gguf")]
    [InlineData("https://example.com/model.gguf")]
    public void Local_paths_and_other_urls_are_not_hub_references(string text) =>
        Assert.False(HuggingFaceReference.TryParse(text, out _));

    [Fact]
    public async Task A_hub_file_is_downloaded_into_the_cache_once_with_the_token_sent()
    {
        var model = await File.ReadAllBytesAsync(TestModels.Tiny);
        var requests = 0;
        string? authorization = null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var hub = builder.Build();
        hub.MapGet("/owner/repo/resolve/main/model.gguf", async (HttpContext context) =>
        {
            Interlocked.Increment(ref requests);
            authorization = context.Request.Headers.Authorization;
            await context.Response.Body.WriteAsync(model);
        });
        await hub.StartAsync();

        var cache = Directory.CreateTempSubdirectory("hf-cache-").FullName;
        Environment.SetEnvironmentVariable("HF_ENDPOINT", hub.Urls.First());
        Environment.SetEnvironmentVariable("HF_TOKEN", "secret-token");
        try
        {
            var downloader = new HuggingFaceDownloader(new SingleClientFactory(), NullLogger<HuggingFaceDownloader>.Instance);
            Assert.True(HuggingFaceReference.TryParse("hf:owner/repo/model.gguf", out var reference));

            var path = await downloader.DownloadAsync(reference!, cache, CancellationToken.None);
            var again = await downloader.DownloadAsync(reference!, cache, CancellationToken.None);

            Assert.Equal(path, again);
            Assert.Equal(model, await File.ReadAllBytesAsync(path));
            Assert.Equal(1, requests);
            Assert.Equal("Bearer secret-token", authorization);
            Inference.Gguf.GgufFile.Read(path); // a valid model, as the server will check
        }
        finally
        {
            Environment.SetEnvironmentVariable("HF_ENDPOINT", null);
            Environment.SetEnvironmentVariable("HF_TOKEN", null);
            Directory.Delete(cache, recursive: true);
        }
    }

    [Fact]
    public async Task A_missing_hub_file_is_a_clear_error()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var hub = builder.Build();
        await hub.StartAsync();
        var cache = Directory.CreateTempSubdirectory("hf-cache-").FullName;
        Environment.SetEnvironmentVariable("HF_ENDPOINT", hub.Urls.First());
        try
        {
            var downloader = new HuggingFaceDownloader(new SingleClientFactory(), NullLogger<HuggingFaceDownloader>.Instance);
            Assert.True(HuggingFaceReference.TryParse("hf:owner/repo/missing.gguf", out var reference));

            var error = await Assert.ThrowsAsync<ModelDownloadException>(() => downloader.DownloadAsync(reference!, cache, CancellationToken.None));

            Assert.Contains("404", error.Message, StringComparison.Ordinal);
            Assert.Contains("owner/repo/missing.gguf", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("HF_ENDPOINT", null);
            Directory.Delete(cache, recursive: true);
        }
    }

    private sealed class SingleClientFactory : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }
}

[CollectionDefinition(nameof(HuggingFaceDownloadTests), DisableParallelization = true)]
public sealed class HuggingFaceEnvironmentCollection;
