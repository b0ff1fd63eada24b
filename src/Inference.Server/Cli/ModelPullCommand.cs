using System.CommandLine;
using Inference.Server.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Inference.Server.Cli;

/// <summary>
/// `inference model pull REF [--cache-dir DIR] [--sha256 HEX]`: brings a model into the cache and validates it (the chart's
/// init container). Exit codes: 0 done, 1 transfer failed (run again to resume), 2 bad reference, 3 checksum
/// mismatch, 4 not a valid GGUF file. The last line on stdout is the file's path in the cache.
/// </summary>
internal static class ModelPullCommand
{
    public static Command Create()
    {
        var reference = new Argument<string>("reference") { Description = "hf:owner/repo/file.gguf[@revision], an http(s) URL, or a local file" };
        var cacheDir = new Option<string>("--cache-dir") { Description = "The cache (default: INFERENCE_CACHE_DIR or ~/.cache/inference, as `serve`)" };
        var sha256 = new Option<string>("--sha256") { Description = "Expected SHA-256 of the file (hex); a mismatch fails the pull" };
        var command = new Command("pull", "Download (resumably) or copy a model into the cache, then check its SHA-256 and GGUF structure")
        {
            reference, cacheDir, sha256,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var source = parse.GetValue(reference)!;
            var cache = parse.GetValue(cacheDir) ?? new ServerOptions().CacheDir;
            var expected = parse.GetValue(sha256);
            if (expected is not null && (expected.Length != 64 || !expected.All(char.IsAsciiHexDigit)))
            {
                await Console.Error.WriteLineAsync($"--sha256 must be 64 hex digits (got '{expected}').");
                return (int)ModelPullFailure.BadReference;
            }

            using var http = new HttpClientFactory();
            var puller = new ModelPuller(http, new HuggingFaceDownloader(http, NullLogger<HuggingFaceDownloader>.Instance), NullLogger<ModelPuller>.Instance);
            try
            {
                var path = await PullProgressView.RunAsync(source, progress => puller.PullAsync(source, cache, expected, progress, cancellationToken));
                Console.WriteLine($"pull: {source}: verified ({new FileInfo(path).Length:N0} bytes{(expected is null ? "" : ", SHA-256 matches")}, valid GGUF)");
                Console.WriteLine(path);
                return 0;
            }
            catch (ModelPullException ex)
            {
                await Console.Error.WriteLineAsync($"pull: {source}: {ex.Message}");
                return (int)ex.Failure;
            }
        });
        return command;
    }

    /// <summary>Clients sharing one handler, for the command's few requests (there is no hosting container here).</summary>
    private sealed class HttpClientFactory : IHttpClientFactory, IDisposable
    {
        private readonly SocketsHttpHandler _handler = new() { ConnectTimeout = TimeSpan.FromSeconds(30) };

        public HttpClient CreateClient(string name) => new(_handler, disposeHandler: false);

        public void Dispose() => _handler.Dispose();
    }
}
