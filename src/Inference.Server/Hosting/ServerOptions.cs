namespace Inference.Server.Hosting;

/// <summary>Everything `inference serve` can be told, from the command line, the environment or appsettings.json.</summary>
public sealed record ServerOptions
{
    /// <summary>A GGUF path, an <c>hf:owner/repo/file.gguf</c> reference or a Hugging Face URL; null = the generated tiny model.</summary>
    public string? Model { get; init; }

    public string Host { get; init; } = "127.0.0.1";

    /// <summary>0 picks a free port (tests).</summary>
    public int Port { get; init; } = 8080;

    /// <summary>The gRPC port (HTTP/2 only); 0 picks a free port (tests).</summary>
    public int GrpcPort { get; init; } = 50051;

    public int Parallel { get; init; } = 8;

    public int CtxSize { get; init; } = 4096;

    /// <summary>0 = all cores.</summary>
    public int Threads { get; init; }

    /// <summary>
    /// ggml polling level of the persistent CPU compute threads (0 = sleep as soon as a step is done, 100 = spin
    /// longest). Polling lets the next step start on threads that are already running instead of ones that must be
    /// woken and scheduled first; it takes the cores the HTTP side needs between steps only for that short while.
    /// 50 is llama-server's default and, measured at c=8, gave steadier step times than 0 (docs/benchmark-history.md).
    /// </summary>
    public int Poll { get; init; } = 50;

    /// <summary>
    /// Finished requests leave their KV cells in their slots for the next prompt that starts the same way (a chat's
    /// next turn, an agent's fixed system prompt and tools), as llama-server's cache_prompt does by default.
    /// </summary>
    public bool CachePrompt { get; init; } = true;

    /// <summary>-1 = all layers on the GPU when there is one.</summary>
    public int GpuLayers { get; init; } = -1;

    /// <summary>The model id clients use; default: the file name without .gguf.</summary>
    public string? Alias { get; init; }

    /// <summary>Most tokens per engine step (decode tokens + prompt chunks).</summary>
    public int BatchSize { get; init; } = 512;

    /// <summary>Prompt tokens one step takes while other prompts wait (the engine's PrefillTokensPerStep).</summary>
    public int PrefillStep { get; init; } = 256;

    /// <summary>Tokens of a burst's last prompts prefilled together in one step; null = 1.5 × <see cref="PrefillStep"/>, 0 = off.</summary>
    public int? PrefillTail { get; init; }

    public int MaxQueue { get; init; } = 256;

    /// <summary>Largest accepted request body in bytes.</summary>
    public long MaxBodySize { get; init; } = 8 * 1024 * 1024;

    /// <summary>A Jinja chat template that overrides the model's.</summary>
    public string? ChatTemplateFile { get; init; }

    /// <summary>Accepted API keys; none (and no <see cref="ApiKeyFile"/>) = no authentication.</summary>
    public IReadOnlyList<string> ApiKeys { get; init; } = [];

    /// <summary>A file with one accepted API key per line.</summary>
    public string? ApiKeyFile { get; init; }

    /// <summary>Whether /metrics needs an API key too (it is open by default, for scrapers).</summary>
    public bool MetricsRequireKey { get; init; }

    /// <summary>Seconds that requests in flight get to finish when the server stops.</summary>
    public int DrainTimeout { get; init; } = 30;

    /// <summary>Refuse to start when llama.cpp finds no GPU, instead of serving slowly on the CPU (GPU nodes, broken drivers).</summary>
    public bool RequireGpu { get; init; }

    /// <summary>An embedding model served beside the chat model: <c>minilm</c>, an ONNX sentence-transformer folder or a GGUF file; null = none.</summary>
    public string? EmbeddingModel { get; init; }

    /// <summary>CPU threads for embeddings (ONNX: batches at once, one thread each; GGUF: split over up to 4 contexts, one batch each); 0 = all cores.</summary>
    public int EmbeddingThreads { get; init; }

    /// <summary>Weights of an ONNX embedding model at run time: <c>none</c> (float32) or <c>int8</c> (<see cref="Inference.Embeddings.EmbeddingQuantization"/>).</summary>
    public string EmbeddingQuantize { get; init; } = "none";

    /// <summary>Pooling of a GGUF embedding model (mean, cls or last); null = the model's own.</summary>
    public string? Pooling { get; init; }

    /// <summary>Where downloaded and generated models are kept.</summary>
    public string CacheDir { get; init; } = DefaultCacheDir();

    /// <summary>Also serve the Kubernetes tools over MCP (streamable HTTP at /mcp, behind the API keys).</summary>
    public bool Mcp { get; init; }

    /// <summary>Kubeconfig file(s) for --mcp; null: KUBECONFIG, ~/.kube/config, or the pod's service account.</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>The context MCP tool calls use when they name none; null: the kubeconfig's current context.</summary>
    public string? KubeContext { get; init; }

    /// <summary>Offer the write tools over MCP (each approved by the client through elicitation).</summary>
    public bool AllowWrites { get; init; }

    public void Validate()
    {
        if (Port is < 0 or > 65535 || GrpcPort is < 0 or > 65535)
        {
            throw new ArgumentException($"--port and --grpc-port must be between 0 and 65535 (got {Port} and {GrpcPort}).");
        }

        if (Port == GrpcPort && Port != 0)
        {
            throw new ArgumentException($"--port and --grpc-port must differ (both are {Port}).");
        }

        if (DrainTimeout < 0)
        {
            throw new ArgumentException($"--drain-timeout must be at least 0 seconds (got {DrainTimeout}).");
        }

        if (ApiKeyFile is not null && !File.Exists(ApiKeyFile))
        {
            throw new ArgumentException($"--api-key-file: {ApiKeyFile} does not exist.");
        }

        if (EmbeddingThreads < 0)
        {
            throw new ArgumentException($"--embedding-threads must be at least 0 (got {EmbeddingThreads}).");
        }

        if (EmbeddingQuantize is not ("none" or "int8"))
        {
            throw new ArgumentException($"--embedding-quantize must be none or int8 (got {EmbeddingQuantize}).");
        }

        if (Pooling is not (null or "mean" or "cls" or "last"))
        {
            throw new ArgumentException($"--pooling must be mean, cls or last (got {Pooling}).");
        }

        if (Poll is < 0 or > 100)
        {
            throw new ArgumentException($"--poll must be between 0 and 100 (got {Poll}).");
        }

        if (Parallel < 1 || CtxSize < 64 || Threads < 0 || BatchSize < Parallel || PrefillStep < 1 || PrefillTail < 0 || MaxQueue < 0 || MaxBodySize < 1024)
        {
            throw new ArgumentException(
                $"Invalid settings: --parallel {Parallel} (≥ 1), --ctx-size {CtxSize} (≥ 64), --threads {Threads} (≥ 0), " +
                $"--batch-size {BatchSize} (≥ --parallel), --prefill-step {PrefillStep} (≥ 1), --prefill-tail {PrefillTail} (≥ 0), --max-queue {MaxQueue} (≥ 0), --max-body-size {MaxBodySize} (≥ 1024).");
        }
    }

    private static string DefaultCacheDir()
    {
        var explicitDir = Environment.GetEnvironmentVariable("INFERENCE_CACHE_DIR");
        if (!string.IsNullOrEmpty(explicitDir))
        {
            return explicitDir;
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = string.IsNullOrEmpty(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache")
            : xdg;
        return Path.Combine(root, "inference");
    }
}
