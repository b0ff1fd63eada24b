using Inference.Embeddings;
using Inference.Server.OpenAi;

namespace Inference.Server.Hosting;

/// <summary>
/// Loads <c>--embedding-model</c> in the background once the server listens, beside the chat model of
/// <see cref="ModelHost"/>; the server is ready only when both are. Without the option it serves nothing and is ready.
/// </summary>
public sealed class EmbeddingHost(ServerOptions options, ModelSource source, ILoggerFactory loggerFactory) : IHostedService, IDisposable
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<EmbeddingHost>();
    private readonly TaskCompletionSource<ServedEmbeddingModel?> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loading;
    private int _disposed;

    public bool Configured => options.EmbeddingModel is not null;

    public ModelLoadState State { get; private set; } = ModelLoadState.Loading;

    public string? FailureMessage { get; private set; }

    /// <summary>The served model, or null while loading, after a failure, or when none is configured.</summary>
    public ServedEmbeddingModel? Model { get; private set; }

    /// <summary>Completes when the model is ready, with null when none is configured (faults if loading failed).</summary>
    public Task<ServedEmbeddingModel?> Ready => _ready.Task;

    /// <summary>Why the server is not ready on this model's account; null when it is loaded or none is configured.</summary>
    public OpenAiError? NotReadyError => !Configured || State == ModelLoadState.Ready
        ? null
        : State == ModelLoadState.Failed
            ? new OpenAiError(StatusCodes.Status503ServiceUnavailable, "The embedding model failed to load: " + FailureMessage, OpenAiError.ServerErrorType, null, "model_load_failed")
            : OpenAiError.ModelLoading();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Configured)
        {
            State = ModelLoadState.Ready;
            _ready.TrySetResult(null);
            return Task.CompletedTask;
        }

        _loading = Task.Run(Load, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_loading is not null)
        {
            await _loading.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose()
    {
        // Registered both as itself and as a hosted service, so the container disposes it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Model?.Dispose();
        }
    }

    private void Load()
    {
        try
        {
            var threads = options.EmbeddingThreads > 0 ? options.EmbeddingThreads : Environment.ProcessorCount;
            // An hf: reference or a URL (a GGUF embedding model) is the cached file, pulled first if an init container did not.
            var reference = source.TryResolveRemote(options.EmbeddingModel!, options.CacheDir, CancellationToken.None) ?? options.EmbeddingModel!;
            var (model, id) = EmbeddingModelLoader.Load(reference, new EmbeddingLoadOptions
            {
                CacheDir = options.CacheDir,
                Threads = threads,
                Pooling = options.Pooling,
                Quantization = options.EmbeddingQuantize == "int8" ? EmbeddingQuantization.Int8 : EmbeddingQuantization.None,
                GpuLayers = options.GpuLayers,
                Device = options.RequireGpu ? OnnxDevice.RequireCuda : options.GpuLayers == 0 ? OnnxDevice.Cpu : OnnxDevice.PreferCuda,
            });
            var batcher = new EmbeddingBatcher(model, EmbeddingBatcherOptions.For(model) with { MaxQueue = Math.Max(options.MaxQueue, 1) });
            Model = new ServedEmbeddingModel(id, batcher, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            State = ModelLoadState.Ready;
            _logger.LogInformation(
                "Serving embeddings with {Id}: {Dimensions} dimensions, up to {MaxTokens} tokens an input, {Threads} threads{Device}",
                id, model.Dimensions, model.MaxTokens, threads, model switch
                {
                    OnnxEmbeddingModel { UsesCuda: true } => ", ONNX Runtime CUDA",
                    OnnxEmbeddingModel { Quantization: EmbeddingQuantization.Int8 } => ", int8 weights",
                    _ => "",
                });
            _ready.TrySetResult(Model);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            FailureMessage = ex.Message;
            State = ModelLoadState.Failed;
            _logger.LogError("Embedding model could not be loaded: {Reason}", FailureMessage);
            _ready.TrySetException(ex);
        }
    }
}
