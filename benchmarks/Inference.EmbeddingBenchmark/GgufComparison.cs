using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Inference.Models;
using Inference.Native;
using Inference.Native.Interop;
using Inference.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Inference.EmbeddingBenchmark;

/// <summary>
/// The generated GGUF embedding model (`inference model make --preset embed`, q8_0) served by us and by llama.cpp's
/// `llama-server --embeddings`, the same sentences, clients and threads, over HTTP on 127.0.0.1.
/// </summary>
internal static class GgufComparison
{
    public static async Task<Measurement[]> RunAsync(string llamaServer, string[] sentences, int threads, string cache)
    {
        var model = EnsureModel(cache);
        var singles = sentences.Select(s => new[] { s }).ToArray();
        var batches = sentences.Chunk(64).ToArray();

        Measurement ours16, ours64;
        await using (var app = ServerApp.Build(
            new ServerOptions { Port = 0, GrpcPort = 0, EmbeddingModel = model, EmbeddingThreads = threads, CacheDir = cache, Threads = 1, Parallel = 1 },
            logging => logging.SetMinimumLevel(LogLevel.Warning)))
        {
            await app.StartAsync();
            await app.Services.GetRequiredService<EmbeddingHost>().Ready;
            using var http = new HttpClient { BaseAddress = app.GetBaseAddress(), Timeout = TimeSpan.FromMinutes(5) };
            (ours16, ours64) = await MeasureAsync("ours", http);
            await app.StopAsync();
        }

        var port = FreePort();
        using var process = Process.Start(new ProcessStartInfo(llamaServer)
        {
            // -np 16 slots so 16 concurrent inputs can share a decode, as ours batches them; one ubatch holds a batch of 64.
            ArgumentList =
            {
                "-m", model, "--embeddings", "--pooling", "mean", "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-np", "16", "-c", "16384", "-b", "8192", "-ub", "8192", "-t", threads.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-tb", threads.ToString(System.Globalization.CultureInfo.InvariantCulture), "--no-webui",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("llama-server did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5) };
            await WaitHealthyAsync(http, process);
            var (theirs16, theirs64) = await MeasureAsync("llama-server", http);
            return [ours16, theirs16, ours64, theirs64];
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        async Task<(Measurement, Measurement)> MeasureAsync(string who, HttpClient http)
        {
            async Task Send(string[] input)
            {
                using var response = await http.PostAsJsonAsync("/v1/embeddings", new { input, model = Path.GetFileNameWithoutExtension(model) });
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
            }

            await Measurement.RunAsync("warm-up", [.. batches.Take(2)], 1, Send);
            return (await Measurement.RunAsync($"GGUF {who}, 16 clients × 1 sentence", singles, 16, Send),
                await Measurement.RunAsync($"GGUF {who}, 1 client × batches of 64", batches, 1, Send));
        }
    }

    private static string EnsureModel(string cache)
    {
        Directory.CreateDirectory(cache);
        var path = Path.Combine(cache, $"embed-q8_0-seed42-v{TestModelMaker.GeneratorVersion}.gguf");
        if (!File.Exists(path))
        {
            var f16 = path + ".f16";
            TestModelMaker.Make(TestModelPreset.Embedding, f16);
            LlamaQuantizer.Quantize(f16, path, LlamaFileType.MostlyQ8_0);
            File.Delete(f16);
        }

        return path;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // A benchmark, not a test: polling the child's /health until it has loaded is fine here.
    private static async Task WaitHealthyAsync(HttpClient http, Process process)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"llama-server exited with {process.ExitCode}");
            }

            try
            {
                using var response = await http.GetAsync("/health");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("llama-server did not become healthy within 60 s");
    }
}
