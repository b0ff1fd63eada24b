using System.CommandLine;
using Inference.Server.Hosting;

namespace Inference.Server.Cli;

/// <summary>`inference serve`: the OpenAI-compatible server.</summary>
internal static class ServeCommand
{
    public static readonly ServeSetting[] Settings =
    [
        new ServeSetting<string>("model", "GGUF file, hf:owner/repo/file.gguf[@rev] or a Hugging Face URL (default: the generated tiny model)", (o, v) => o with { Model = v }),
        new ServeSetting<string>("host", "Address to listen on (default 127.0.0.1)", (o, v) => o with { Host = v }),
        new ServeSetting<int>("port", "HTTP port (default 8080; 0 = any free port)", (o, v) => o with { Port = v }),
        new ServeSetting<int>("grpc-port", "gRPC port, HTTP/2 only (default 50051; 0 = any free port)", (o, v) => o with { GrpcPort = v }),
        new ServeSetting<int>("parallel", "Requests decoded together, the engine's slots (default 8)", (o, v) => o with { Parallel = v }),
        new ServeSetting<int>("ctx-size", "KV cache cells shared by all slots (default 4096)", (o, v) => o with { CtxSize = v }),
        new ServeSetting<int>("threads", "CPU threads (default: all cores)", (o, v) => o with { Threads = v }),
        new ServeSetting<int>("poll", "How long llama.cpp's CPU threads poll for work between steps before sleeping, 0-100 (default 50)", (o, v) => o with { Poll = v }),
        new ServeSetting<bool>("cache-prompt", "Keep finished requests' KV cells so prompts that start the same way skip that prefix (default true)", (o, v) => o with { CachePrompt = v }),
        new ServeSetting<bool>("require-gpu", "Exit at start (code 3) when llama.cpp finds no GPU instead of serving on the CPU", (o, v) => o with { RequireGpu = v }),
        new ServeSetting<int>("gpu-layers", "Layers offloaded to the GPU (default -1 = all)", (o, v) => o with { GpuLayers = v }),
        new ServeSetting<string>("alias", "Model id shown to clients (default: file name)", (o, v) => o with { Alias = v }),
        new ServeSetting<int>("batch-size", "Most tokens per engine step: decode tokens plus prompt chunks (default 512)", (o, v) => o with { BatchSize = v }),
        new ServeSetting<int>("prefill-step", "Prompt tokens per step while more prompts wait: whole prompts in arrival order, at least one (default 256)", (o, v) => o with { PrefillStep = v }),
        new ServeSetting<int>("prefill-tail", "Tokens of a burst's last prompts prefilled together in one final step (default 1.5 × --prefill-step; 0 = off)", (o, v) => o with { PrefillTail = v }),
        new ServeSetting<int>("max-queue", "Requests that may wait for a slot before 429 (default 256)", (o, v) => o with { MaxQueue = v }),
        new ServeSetting<long>("max-body-size", "Largest request body in bytes (default 8 MiB)", (o, v) => o with { MaxBodySize = v }),
        new ServeSetting<string>("chat-template-file", "Jinja chat template overriding the model's", (o, v) => o with { ChatTemplateFile = v }),
        new ServeListSetting("api-key", "An accepted API key (repeatable; environment: comma-separated); none = no authentication", (o, v) => o with { ApiKeys = v }),
        new ServeSetting<string>("api-key-file", "A file with one accepted API key per line", (o, v) => o with { ApiKeyFile = v }),
        new ServeSetting<bool>("metrics-require-key", "Require an API key for /metrics too (default: open)", (o, v) => o with { MetricsRequireKey = v }),
        new ServeSetting<int>("drain-timeout", "Seconds in-flight requests get to finish on shutdown (default 30)", (o, v) => o with { DrainTimeout = v }),
        new ServeSetting<string>("embedding-model", "Embedding model served beside the chat model: minilm, an ONNX sentence-transformer folder or a GGUF file", (o, v) => o with { EmbeddingModel = v }),
        new ServeSetting<int>("embedding-threads", "CPU threads for embeddings: an ONNX model runs that many batches at once, a GGUF model splits them over up to 4 contexts (default 0 = all cores)", (o, v) => o with { EmbeddingThreads = v }),
        new ServeSetting<string>("embedding-quantize", "Weights of an ONNX embedding model: none (float32, as the file) or int8 (about 2.5× faster on a CPU, cosine ≈ 0.99 to float32)", (o, v) => o with { EmbeddingQuantize = v }),
        new ServeSetting<string>("pooling", "Pooling of a GGUF embedding model: mean, cls or last (default: the model's)", (o, v) => o with { Pooling = v }),
        new ServeSetting<string>("cache-dir", "Where downloaded and generated models are kept (default ~/.cache/inference)", (o, v) => o with { CacheDir = v }),
        new ServeSetting<bool>("mcp", "Also serve the Kubernetes tools over MCP at /mcp (streamable HTTP, behind the API keys)", (o, v) => o with { Mcp = v }),
        new ServeSetting<string>("kubeconfig", "Kubeconfig file(s) for --mcp, ':'-separated (default: KUBECONFIG, ~/.kube/config, the pod's service account)", (o, v) => o with { Kubeconfig = v }),
        new ServeSetting<string>("context", "Context MCP tool calls use when they name none (default: the kubeconfig's current one)", (o, v) => o with { KubeContext = v }),
        new ServeSetting<bool>("allow-writes", "Offer the write tools over MCP; each write is approved by the client through elicitation", (o, v) => o with { AllowWrites = v }),
    ];

    public static Command Create()
    {
        var command = new Command("serve", "Serve a GGUF model over an OpenAI-compatible HTTP API");
        foreach (var setting in Settings)
        {
            command.Options.Add(setting.CliOption);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            ServerOptions options;
            try
            {
                options = Bind(parse, LoadConfiguration());
                options.Validate();
            }
            catch (ArgumentException ex)
            {
                await Console.Error.WriteLineAsync(ex.Message);
                return 2;
            }

            if (options.RequireGpu && GpuRequirement.Problem() is { } problem)
            {
                await Console.Error.WriteLineAsync(problem);
                return GpuRequirement.ExitCode;
            }

            await using var app = ServerApp.Build(options);
            await app.RunAsync(cancellationToken);
            return 0;
        });
        return command;
    }

    public static ServerOptions Bind(ParseResult parse, IConfiguration configuration) =>
        Settings.Aggregate(new ServerOptions(), (options, setting) => setting.Apply(options, parse, configuration));

    private static IConfiguration LoadConfiguration() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
        .Build();
}
