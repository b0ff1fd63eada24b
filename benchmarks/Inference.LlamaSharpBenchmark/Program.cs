using System.CommandLine;
using System.Text.Json;
using Inference.LlamaSharpBenchmark;
using LLama;
using LLama.Common;

// Child process of Inference.EngineBenchmark: the same workload (token ids from a file) through LLamaSharp's
// BatchedExecutor and through a bare batched loop on LLamaSharp's own llama.cpp build; one JSON object out.
var modelOption = new Option<string>("--model") { Required = true };
var promptsOption = new Option<string>("--prompts") { Description = "JSON file: one array of token ids per sequence", Required = true };
var outputOption = new Option<int>("--output-tokens") { DefaultValueFactory = _ => 128 };
var threadsOption = new Option<int>("--threads") { DefaultValueFactory = _ => Environment.ProcessorCount };
var contextOption = new Option<int>("--context") { Required = true };
var root = new RootCommand("LLamaSharp anchor of the engine benchmark") { modelOption, promptsOption, outputOption, threadsOption, contextOption };
root.SetAction(async parse =>
{
    var prompts = JsonSerializer.Deserialize<int[][]>(File.ReadAllText(parse.GetValue(promptsOption)!))!;
    var outputTokens = parse.GetValue(outputOption);
    var threads = parse.GetValue(threadsOption);
    var parameters = new ModelParams(parse.GetValue(modelOption)!)
    {
        ContextSize = (uint)parse.GetValue(contextOption),
        BatchSize = (uint)Math.Max(512, prompts.Length * prompts[0].Length),
        UBatchSize = 512,
        SeqMax = (uint)prompts.Length,
        Threads = threads,
        BatchThreads = threads,
        GpuLayerCount = 0,
        KVUnified = true,
    };
    using var weights = LLamaWeights.LoadFromFile(parameters);

    // Warm-ups: tiered compilation is off, so a first run would also pay for compiling the loop.
    RawLoop.Run(weights, parameters, prompts, 8);
    await ExecutorRun.RunAsync(weights, parameters, prompts, 8);
    var raw = RawLoop.Run(weights, parameters, prompts, outputTokens);
    var executor = await ExecutorRun.RunAsync(weights, parameters, prompts, outputTokens);
    Console.WriteLine(JsonSerializer.Serialize(new AnchorResult(raw, executor), AnchorJson.Default.AnchorResult));
    return 0;
});
return await root.Parse(args).InvokeAsync();
