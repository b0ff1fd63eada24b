using System.Diagnostics;
using System.Globalization;
using Inference.Agent;
using Inference.Agent.Brains;
using Inference.Kube.Access;
using Inference.Kube.Testing;
using Inference.Kube.Tools;
using Inference.Server.Hosting;
using Inference.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Usage: dotnet run -c Release --project benchmarks/Inference.AgentBenchmark [-- SCENARIO [RUNS [MAX_STEPS]]]
//        ... -- --serve-scenario SCENARIO   serves the scenario (Kubernetes API test server), prints the kubeconfig
//                                           path and waits for a line on stdin: for driving `inference kube chat` by hand
//        ... -- --scripted-model PORT           a scripted stand-in model (ScriptedModelServer) until a line on stdin
if (args is ["--scripted-model", var port])
{
    await using var scripted = ScriptedModelServer.Build(int.Parse(port, CultureInfo.InvariantCulture));
    await scripted.StartAsync();
    Console.WriteLine($"http://127.0.0.1:{port}/v1");
    Console.ReadLine();
    return 0;
}

if (args is ["--serve-scenario", var served])
{
    await using var standIn = await ScenarioCluster.StartAsync(served);
    Console.WriteLine(standIn.KubeconfigPath);
    Console.ReadLine();
    return 0;
}

var scenarioId = args.Length > 0 ? args[0] : "crashloop-missing-env";
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
var maxSteps = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 6;
if (!KubeFixtures.Available)
{
    Console.Error.WriteLine($"Kubernetes fixtures not found ({KubeFixtures.ScenariosDir}).");
    return 2;
}

await using var cluster = await ScenarioCluster.StartAsync(scenarioId);
var scenario = cluster.Scenario!;
await using var app = ServerApp.Build(new ServerOptions
{
    Model = TestModels.Tiny,
    Port = 0,
    GrpcPort = 0,
    Parallel = 1,
    CtxSize = 8192,
    CacheDir = Path.Combine(RepositoryPaths.Root, "artifacts", "test-cache"),
}, logging => logging.SetMinimumLevel(LogLevel.Warning));
await app.StartAsync();
await app.Services.GetRequiredService<ModelHost>().Ready;
var endpoint = new Uri(app.GetBaseAddress(), "v1");

Console.WriteLine($"scenario {scenarioId}, question \"{scenario.Question}\"");
Console.WriteLine($"model {Path.GetFileName(TestModels.Tiny)} (generated, random weights), 1 slot, ctx 8192, {Environment.ProcessorCount} cores; step limit {maxSteps}, seed = run number");
Console.WriteLine();
Console.WriteLine("| run | steps | answered | tokens sent (cached) | tokens received | wall s | model s (share) | tools s (share) |");
Console.WriteLine("|---:|---:|---|---:|---:|---:|---:|---:|");
for (var run = 1; run <= runs; run++)
{
    using var clusters = KubeContexts.Load(cluster.KubeconfigPath);
    var brain = await BrainEndpoint.ConnectAsync(endpoint, apiKey: null, model: null);
    var toolbox = KubeToolbox.Create(new KubeToolboxOptions { Clusters = clusters, ModelContextTokens = brain.ContextTokens ?? 8192 });
    var agent = new KubeAgent(brain.Chat, toolbox, clusters, new KubeAgentOptions
    {
        MaxSteps = maxSteps,
        MaxOutputTokens = 3000,
        Seed = run,
        RequireToolCall = brain.IsInferenceServer,
        ContextTokens = brain.ContextTokens ?? 8192,
    });
    var record = new TurnRecord(scenario.Question);
    var started = Stopwatch.GetTimestamp();
    await foreach (var e in agent.AskAsync(scenario.Question))
        record.Add(e);
    var wall = Stopwatch.GetElapsedTime(started);
    var answer = record.Answer!;
    var cached = answer.Usage.CachedInputTokenCount ?? 0;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {run} | {answer.Steps} | {(answer.HitStepLimit ? "no (step limit)" : "yes")} | {answer.Usage.InputTokenCount:N0} ({cached:N0}) | {answer.Usage.OutputTokenCount:N0} | {wall.TotalSeconds:F1} | {record.ModelTime.TotalSeconds:F1} ({record.ModelTime / wall:P0}) | {record.ToolTime.TotalSeconds:F2} ({record.ToolTime / wall:P1}) |"));
    brain.Chat.Dispose();
}

await app.StopAsync();
return 0;
