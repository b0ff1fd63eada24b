using System.CommandLine;
using System.Globalization;
using Inference.EngineBenchmark;
using Inference.Models;
using Inference.Native;
using Inference.Native.Interop;

// Engine throughput without HTTP: our continuous-batching loop against a bare llama.cpp batched
// loop on the same library build, model and machine, so the loop's overhead shows as a ratio.
var modelOption = new Option<string?>("--model") { Description = "GGUF to run (default: the generated small model, q8_0)" };
var parallelOption = new Option<int[]>("--parallel") { Description = "Parallelism levels", DefaultValueFactory = _ => [1, 4, 8, 16], AllowMultipleArgumentsPerToken = true };
var promptOption = new Option<int>("--prompt-tokens") { DefaultValueFactory = _ => 106 };
var outputOption = new Option<int>("--output-tokens") { DefaultValueFactory = _ => 128 };
var threadsOption = new Option<int>("--threads") { DefaultValueFactory = _ => Environment.ProcessorCount };
var pollOption = new Option<int>("--poll") { Description = "ggml threadpool polling level 0-100 for both loops, as the server's --poll; -1 = llama.cpp's per-decode threads", DefaultValueFactory = _ => 50 };
var repeatOption = new Option<int>("--repeat") { Description = "Runs of each loop per level, alternating; the median is reported", DefaultValueFactory = _ => 3 };
var anchorOption = new Option<string>("--llamasharp")
{
    Description = "LLamaSharp anchor: path of the built Inference.LlamaSharpBenchmark.dll (default: built next to this program), or 'off'",
    DefaultValueFactory = _ => LlamaSharpAnchor.DefaultAssembly(),
};
var root = new RootCommand("Engine throughput benchmark") { modelOption, parallelOption, promptOption, outputOption, threadsOption, pollOption, repeatOption, anchorOption };
root.SetAction(async parse =>
{
    var path = parse.GetValue(modelOption) ?? EnsureSmallModel();
    var promptTokens = parse.GetValue(promptOption);
    var outputTokens = parse.GetValue(outputOption);
    var threads = parse.GetValue(threadsOption);
    var repeat = Math.Max(1, parse.GetValue(repeatOption));
    int? poll = parse.GetValue(pollOption) is var level and >= 0 ? level : null;
    var anchorPath = parse.GetValue(anchorOption)!;
    var anchor = anchorPath == "off" ? null : File.Exists(anchorPath) ? new LlamaSharpAnchor(anchorPath)
        : throw new FileNotFoundException($"Build benchmarks/Inference.LlamaSharpBenchmark (same configuration) or pass --llamasharp off: {anchorPath} is missing.");
    var anchorRows = new List<string>();
    LlamaBackend.Initialize();
    using var model = LlamaModel.LoadFromFile(path, new LlamaModelOptions { GpuLayers = 0 });
    Console.WriteLine($"model: {Path.GetFileName(path)} ({model.ParameterCount / 1e6:F0}M params, {model.FileTypeName}), prompt {promptTokens} tokens, output {outputTokens} tokens, {threads} threads, threadpool polling {poll?.ToString(CultureInfo.InvariantCulture) ?? "off"}");
    Console.WriteLine($"llama.cpp {LlamaBackend.Version}: {LlamaBackend.SystemInfo}");
    Console.WriteLine();
    Console.WriteLine($"median of {repeat} alternating runs per loop; 'outside decode' is wall time per step not spent in llama_decode");
    Console.WriteLine();
    Console.WriteLine("| parallel | raw llama.cpp tok/s | engine tok/s | engine / raw | raw outside decode ms/step | engine outside decode ms/step | engine first token |");
    Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var parallel in parse.GetValue(parallelOption)!)
    {
        var context = parallel * (promptTokens + outputTokens) + 16;
        // Warm-ups: tiered compilation is off, so a loop's first run would also pay for compiling it.
        RawBatchedLoop.Run(model, parallel, promptTokens, 8, context, threads, poll);
        await EngineRun.RunAsync(model, parallel, promptTokens, 8, context, threads, poll);
        var raws = new List<Measurement>();
        var engines = new List<Measurement>();
        var rawsWithoutThreadpool = new List<Measurement>();
        var anchors = new List<AnchorMeasurement>();
        for (var run = 0; run < repeat; run++)
        {
            raws.Add(RawBatchedLoop.Run(model, parallel, promptTokens, outputTokens, context, threads, poll));
            engines.Add(await EngineRun.RunAsync(model, parallel, promptTokens, outputTokens, context, threads, poll));
            if (anchor is not null)
            {
                // LLamaSharp cannot attach a ggml threadpool: the library-build ratio compares bare loops without one on both sides.
                rawsWithoutThreadpool.Add(poll is null ? raws[^1] : RawBatchedLoop.Run(model, parallel, promptTokens, outputTokens, context, threads, null));
                anchors.Add(await anchor.RunAsync(path, Workload.Prompts(model.Vocab, parallel, promptTokens), outputTokens, context, threads));
            }
        }

        var raw = Median(raws);
        var engine = Median(engines);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {parallel} | {raw.TokensPerSecond:F1} | {engine.TokensPerSecond:F1} | {engine.TokensPerSecond / raw.TokensPerSecond:F3} | {raw.OutsideDecodeMillisecondsPerStep:F2} | {engine.OutsideDecodeMillisecondsPerStep:F2} | {engine.Prefill.TotalMilliseconds:F0} ms |"));
        if (anchor is not null)
        {
            var executor = anchors.OrderBy(a => a.ExecutorTokensPerSecond).ElementAt(anchors.Count / 2).ExecutorTokensPerSecond;
            var anchorRaw = anchors.OrderBy(a => a.RawTokensPerSecond).ElementAt(anchors.Count / 2).RawTokensPerSecond;
            var oursRaw = Median(rawsWithoutThreadpool).TokensPerSecond;
            var match = engines.All(e => anchors.All(a => SameTokens(e.FirstTokens, a.ExecutorFirstTokens)));
            anchorRows.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {parallel} | {engine.TokensPerSecond:F1} | {executor:F1} | {engine.TokensPerSecond / executor:F3} | {oursRaw:F1} | {anchorRaw:F1} | {oursRaw / anchorRaw:F3} | {(match ? "yes" : "NO")} |"));
        }
    }

    if (anchor is not null)
    {
        Console.WriteLine();
        Console.WriteLine("ours / LLamaSharp: our engine against LLamaSharp's BatchedExecutor (a child process per run, its own llama.cpp build),");
        Console.WriteLine($"same model, prompts, {threads} threads and greedy outputs; the raw columns are bare loops without a threadpool on each build");
        Console.WriteLine();
        Console.WriteLine("| parallel | ours tok/s | LLamaSharp tok/s | ours / LLamaSharp | raw ours tok/s | raw LLamaSharp tok/s | raw ours / raw LLamaSharp | first 8 tokens match |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|:---:|");
        anchorRows.ForEach(Console.WriteLine);
    }

    return 0;
});
return await root.Parse(args).InvokeAsync();

static bool SameTokens(int[][] ours, int[][] theirs) =>
    ours.Length == theirs.Length && ours.Zip(theirs).All(pair => pair.First.AsSpan().SequenceEqual(pair.Second));

static Measurement Median(List<Measurement> runs) => runs.OrderBy(m => m.TokensPerSecond).ElementAt(runs.Count / 2);

static string EnsureSmallModel()
{
    var directory = Path.Combine(Path.GetTempPath(), "inference-bench");
    Directory.CreateDirectory(directory);
    var quantized = Path.Combine(directory, "small-q8_0.gguf");
    if (!File.Exists(quantized))
    {
        var f16 = Path.Combine(directory, "small-f16.gguf");
        TestModelMaker.Make(TestModelPreset.Small, f16);
        LlamaQuantizer.Quantize(f16, quantized, LlamaFileType.MostlyQ8_0);
        File.Delete(f16);
    }

    return quantized;
}
