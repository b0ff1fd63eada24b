using System.CommandLine;
using Inference.Agent;
using Inference.Agent.Approvals;
using Inference.Agent.Brains;
using Inference.Kube.Safety;
using Inference.Kube.Tools;
using Inference.Server.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace Inference.Server.Cli.Agent;

/// <summary>The flags of the agent commands (ask, chat, diagnose): the brain (--endpoint, --api-key, --model), the
/// cluster session (--kubeconfig, --context, --allow-writes), --yes, -n and the bounds of a turn.</summary>
internal sealed class AgentCommandOptions
{
    public KubeSessionOptions Session { get; } = new();

    public Option<string> Endpoint { get; } = new("--endpoint") { Description = "OpenAI-compatible endpoint of the model (default our server: http://127.0.0.1:8080/v1)", DefaultValueFactory = _ => "http://127.0.0.1:8080/v1" };

    public Option<string> ApiKey { get; } = new("--api-key") { Description = "API key for the endpoint (default: INFERENCE_API_KEY, then none)" };

    public Option<string> Model { get; } = new("--model") { Description = "Model id (default: the endpoint's first chat model)" };

    public Option<bool> Yes { get; } = new("--yes", "-y") { Description = "Approve every write up front (with --allow-writes); without it, a non-interactive run refuses writes" };

    public Option<string> Namespace { get; } = new("--namespace", "-n") { Description = "Namespace the question is about (default: the context's)" };

    public Option<int> MaxSteps { get; } = new("--max-steps") { Description = "Model calls per question before the agent stops (default 20)", DefaultValueFactory = _ => 20 };

    public Option<int?> MaxTokens { get; } = new("--max-tokens") { Description = "Most tokens the model may generate per step (default: the server's limit)" };

    public Option<string> ModelPath { get; } = new("--model-path") { Description = "Run this GGUF model in this process (our server on a loopback port of its own) instead of using --endpoint" };

    public Option<long?> Seed { get; } = new("--seed") { Description = "Sampling seed for every step, for repeatable runs (default: the server's)" };

    public void AddTo(Command command)
    {
        Session.AddTo(command);
        foreach (var option in new Option[] { Endpoint, ApiKey, Model, Yes, Namespace, MaxSteps, MaxTokens, Seed, ModelPath })
            command.Options.Add(option);
    }

    public static string CacheDir => new ServerOptions().CacheDir;

    /// <summary>
    /// Connects the brain (an unreachable endpoint or a refused key throws <see cref="BrainUnavailableException"/>),
    /// loads the clusters (an unknown context throws) and builds the agent.
    /// </summary>
    /// <param name="streamAnswer">Stream each step and pass the answer on as it is generated (chat).</param>
    public async Task<AgentHost> StartAsync(ParseResult parse, IWriteApprover approver, HttpMessageHandler? handler, TimeProvider clock, CancellationToken ct, bool streamAnswer = false)
    {
        if (parse.GetValue(MaxSteps) < 1)
            throw new ArgumentException("--max-steps must be at least 1.");
        if (!Uri.TryCreate(parse.GetValue(Endpoint), UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
            throw new ArgumentException($"--endpoint must be an http(s) URL, not \"{parse.GetValue(Endpoint)}\".");
        var modelPath = parse.GetValue(ModelPath);
        if (modelPath is not null && !File.Exists(modelPath))
            throw new ArgumentException($"--model-path {modelPath}: no such file.");
        var clusters = Session.LoadClusters(parse);
        WebApplication? local = null;
        try
        {
            var apiKey = parse.GetValue(ApiKey) ?? Environment.GetEnvironmentVariable("INFERENCE_API_KEY")?.Split(',')[0];
            if (modelPath is not null)
            {
                local = await StartLocalServerAsync(modelPath, ct);
                endpoint = new Uri("http://in-process/v1");
                handler = local.GetTestServer().CreateHandler();
                apiKey = null;
            }

            var brain = await BrainEndpoint.ConnectAsync(endpoint, apiKey, parse.GetValue(Model), handler, ct);
            var logging = KubeSessionOptions.StderrLogging();
            var contextTokens = brain.ContextTokens ?? ResultBudget.DefaultModelContextTokens;
            var toolbox = KubeToolbox.Create(new KubeToolboxOptions
            {
                Clusters = clusters,
                AllowWrites = parse.GetValue(Session.AllowWrites),
                Approver = approver,
                Audit = logging.CreateLogger("Inference.Kube.Audit"),
                ModelContextTokens = contextTokens,
                Clock = clock,
            });
            var agent = new KubeAgent(brain.Chat, toolbox, clusters, new KubeAgentOptions
            {
                MaxSteps = parse.GetValue(MaxSteps),
                MaxOutputTokens = parse.GetValue(MaxTokens),
                Seed = parse.GetValue(Seed),
                StreamAnswer = streamAnswer,
                RequireToolCall = brain.IsInferenceServer,
                ContextTokens = contextTokens,
                ModelId = brain.Model,
                Context = parse.GetValue(Session.Context),
                Namespace = parse.GetValue(Namespace),
            });
            return new AgentHost(clusters, brain, toolbox, agent, logging, local);
        }
        catch
        {
            clusters.Dispose();
            if (local is not null)
                await local.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Our server for --model-path, in memory (no port, no socket: requests call its pipeline directly): one slot,
    /// no log lines of its own (a model that cannot be loaded is reported as one line by the command).
    /// </summary>
    private static async Task<WebApplication> StartLocalServerAsync(string modelPath, CancellationToken ct)
    {
        var app = ServerApp.BuildInMemory(new ServerOptions { Model = modelPath, Port = 0, GrpcPort = 0, Parallel = 1, CtxSize = 8192 },
            logging => logging.ClearProviders());
        try
        {
            await app.StartAsync(ct);
            await app.Services.GetRequiredService<ModelHost>().Ready.WaitAsync(ct);
            return app;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await app.DisposeAsync();
            throw new BrainUnavailableException($"--model-path {modelPath}: {e.Message.ReplaceLineEndings(" ")}");
        }
    }

    /// <summary>The approver for a run: --yes approves up front; else <paramref name="ask"/> (chat) or deny (ask).</summary>
    public IWriteApprover Approver(ParseResult parse, Func<WritePreview, CancellationToken, Task<ApprovalAnswer>>? ask, Action<WritePreview>? onPreview) =>
        WriteApprovals.For(parse.GetValue(Yes), ask, onPreview);
}
