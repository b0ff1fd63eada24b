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
var root = new RootCommand("Engine throughput benchmark") { modelOption, parallelOption, promptOption, outputOption, threadsOption, pollOption, repeatOption };
root.SetAction(async parse =>
{
    var path = parse.GetValue(modelOption) ?? EnsureSmallModel();
    var promptTokens = parse.GetValue(promptOption);
    var outputTokens = parse.GetValue(outputOption);
    var threads = parse.GetValue(threadsOption);
    var repeat = Math.Max(1, parse.GetValue(repeatOption));
    int? poll = parse.GetValue(pollOption) is var level and >= 0 ? level : null;
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
        for (var run = 0; run < repeat; run++)
        {
            raws.Add(RawBatchedLoop.Run(model, parallel, promptTokens, outputTokens, context, threads, poll));
            engines.Add(await EngineRun.RunAsync(model, parallel, promptTokens, outputTokens, context, threads, poll));
        }

        var raw = Median(raws);
        var engine = Median(engines);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {parallel} | {raw.TokensPerSecond:F1} | {engine.TokensPerSecond:F1} | {engine.TokensPerSecond / raw.TokensPerSecond:F3} | {raw.OutsideDecodeMillisecondsPerStep:F2} | {engine.OutsideDecodeMillisecondsPerStep:F2} | {engine.Prefill.TotalMilliseconds:F0} ms |"));
    }

    return 0;
});
return await root.Parse(args).InvokeAsync();

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
