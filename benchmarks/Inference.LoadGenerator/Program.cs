using System.CommandLine;
using System.Net;
using System.Text.Json;
using Inference.LoadGenerator;

// A serving benchmark in the manner of vLLM's `bench serve`: streamed chat completions against any
// OpenAI-compatible server on this machine, swept over concurrency levels. Local targets only.
var urlOption = new Option<string>("--url") { Description = "Server base address (127.0.0.1, localhost or ::1 only)", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
var labelOption = new Option<string>("--label") { Description = "Name of this server in the report", DefaultValueFactory = _ => "server" };
var modelOption = new Option<string?>("--model") { Description = "The model id to send (default: none; both llama-server and inference accept that)" };
var concurrencyOption = new Option<int[]>("--concurrency") { Description = "Concurrency levels", DefaultValueFactory = _ => [1, 4, 8, 16], AllowMultipleArgumentsPerToken = true };
var requestsOption = new Option<int>("--requests") { Description = "Requests per level (default max(16, 4 × concurrency))", DefaultValueFactory = _ => 0 };
var promptTokensOption = new Option<int>("--prompt-tokens") { Description = "Prompt length in tokens of the served model (calibrated against its usage counts)", DefaultValueFactory = _ => 106 };
var promptWordsOption = new Option<int>("--prompt-words") { Description = "Skip calibration: words per user turn", DefaultValueFactory = _ => 0 };
var prefixOption = new Option<int>("--shared-prefix-tokens") { Description = "Agent pattern: every request starts with the same system prompt + tool schema of about N tokens", DefaultValueFactory = _ => 0 };
var maxTokensOption = new Option<int>("--max-tokens") { Description = "Output tokens per request (ignore_eos: exactly this many)", DefaultValueFactory = _ => 128 };
var seedOption = new Option<int>("--seed") { DefaultValueFactory = _ => 42 };
var pidOption = new Option<int?>("--pid") { Description = "Server process id, to sample its RSS from /proc" };
var levelTimeoutOption = new Option<int>("--level-timeout") { Description = "Seconds one level may run before its requests are cancelled", DefaultValueFactory = _ => 300 };
var outOption = new Option<string?>("--out") { Description = "JSON result file" };
var detailedOption = new Option<bool>("--save-detailed") { Description = "Keep every request's send time, TTFT and inter-token gaps in the JSON result" };

var run = new RootCommand("Serving load generator: streamed chat completions at fixed concurrency against a local OpenAI-compatible server")
{
    urlOption, labelOption, modelOption, concurrencyOption, requestsOption, promptTokensOption, promptWordsOption,
    prefixOption, maxTokensOption, seedOption, pidOption, levelTimeoutOption, outOption, detailedOption,
};
run.SetAction(async (parse, cancellationToken) =>
{
    var url = parse.GetValue(urlOption)!;
    if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var address) || !IsLocal(address))
    {
        await Console.Error.WriteLineAsync($"refusing {url}: only http://127.0.0.1, http://localhost or http://[::1] targets are allowed");
        return 2;
    }

    var settings = new LoadSettings
    {
        BaseAddress = address,
        Label = parse.GetValue(labelOption)!,
        Model = parse.GetValue(modelOption),
        Concurrency = parse.GetValue(concurrencyOption)!,
        Requests = parse.GetValue(requestsOption),
        PromptTokens = parse.GetValue(promptTokensOption),
        PromptWords = parse.GetValue(promptWordsOption),
        SharedPrefixTokens = parse.GetValue(prefixOption),
        MaxTokens = parse.GetValue(maxTokensOption),
        Seed = parse.GetValue(seedOption),
        ServerPid = parse.GetValue(pidOption),
        LevelTimeout = TimeSpan.FromSeconds(parse.GetValue(levelTimeoutOption)),
        SaveDetailed = parse.GetValue(detailedOption),
    };
    var result = await new LoadRunner(settings, Console.Error).RunAsync(cancellationToken);
    Console.WriteLine(Report.Single(result));
    if (parse.GetValue(outOption) is { } outPath)
    {
        await File.WriteAllTextAsync(outPath, JsonSerializer.Serialize(result, ResultJson.Default.RunResult), cancellationToken);
    }

    return result.Levels.Any(l => l.Failed > 0) ? 1 : 0;
});

var oursOption = new Option<string[]>("--ours") { Description = "Result JSON of our server (several: rounds or levels, each figure the median of its rounds; list both sides in the same order)", Required = true, AllowMultipleArgumentsPerToken = true };
var theirsOption = new Option<string[]>("--theirs") { Description = "Result JSON of the server compared with (several: as --ours, in the same order)", Required = true, AllowMultipleArgumentsPerToken = true };
var engineTableOption = new Option<string[]>("--engine-benchmark") { Description = "Inference.EngineBenchmark output (markdown table; several: the median of each figure)", AllowMultipleArgumentsPerToken = true };
var batchedBenchOption = new Option<string[]>("--batched-bench") { Description = "llama-batched-bench --output-format jsonl output (several: the median of each figure)", AllowMultipleArgumentsPerToken = true };
var parallelOption = new Option<int>("--parallel") { Description = "Slots of both servers (caps the ceiling's batch)", DefaultValueFactory = _ => 8 };
var modelKvOption = new Option<long>("--model-kv-bytes") { Description = "Model file + KV cache bytes, to show RSS beyond them", DefaultValueFactory = _ => 0 };
var compare = new Command("compare", "One table with both runs and the ratio ours / theirs for every figure")
{
    oursOption, theirsOption, engineTableOption, batchedBenchOption, parallelOption, modelKvOption,
};
compare.SetAction(parse =>
{
    var ourRounds = ReadRounds(parse.GetValue(oursOption)!);
    var theirRounds = ReadRounds(parse.GetValue(theirsOption)!);
    var paired = PairedRatios.Of(ourRounds, theirRounds);
    var ours = RoundMedian.Of(ourRounds);
    var theirs = RoundMedian.Of(theirRounds);
    var engineTables = parse.GetValue(engineTableOption) ?? [];
    var batchedBenches = parse.GetValue(batchedBenchOption) ?? [];
    Ceilings? ceilings = null;
    if (engineTables.Length > 0 || batchedBenches.Length > 0)
    {
        ceilings = new Ceilings(parse.GetValue(parallelOption));
        foreach (var path in engineTables.Where(File.Exists))
        {
            ceilings.ReadEngineBenchmark(path);
        }

        foreach (var path in batchedBenches.Where(File.Exists))
        {
            ceilings.ReadBatchedBench(path);
        }
    }

    Console.WriteLine(Report.Compare(ours, theirs, paired, ceilings, parse.GetValue(modelKvOption)));
    if (ceilings is not null)
    {
        Console.WriteLine("Raw engine, both library builds (output tok/s over prefill + decode, same prompt/output lengths):");
        Console.WriteLine();
        Console.WriteLine(ceilings.Table());
    }

    return 0;
});
run.Subcommands.Add(compare);
return await run.Parse(args).InvokeAsync();

static bool IsLocal(Uri uri) =>
    uri.Scheme == Uri.UriSchemeHttp
    && (uri.Host is "localhost" or "127.0.0.1" || (IPAddress.TryParse(uri.Host, out var ip) && ip.Equals(IPAddress.IPv6Loopback)));

static List<RunResult> ReadRounds(string[] paths) =>
    [.. paths.Select(path => JsonSerializer.Deserialize(File.ReadAllText(path), ResultJson.Default.RunResult)!)];
