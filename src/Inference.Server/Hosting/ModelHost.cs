using Inference.Engine;
using Inference.Gguf;
using Inference.Native;

namespace Inference.Server.Hosting;

public enum ModelLoadState
{
    Loading,
    Ready,
    Failed,

    /// <summary>Stopping: no new requests, those in flight finish (up to --drain-timeout).</summary>
    Draining,
}

/// <summary>
/// Loads the model in the background once the server listens, so /health can answer 503
/// while loading and 200 when ready. When the host stops (SIGTERM), the engine stops taking
/// requests (503 / UNAVAILABLE) and those in flight get up to --drain-timeout to finish; this happens
/// in <see cref="StoppingAsync"/>, before Kestrel (the last hosted service to start, the first to stop) closes its listeners.
/// </summary>
public sealed class ModelHost(ServerOptions options, ModelSource source, EngineObserver observer, ILoggerFactory loggerFactory)
    : IHostedLifecycleService, IDisposable
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<ModelHost>();
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource<ServedModel> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _draining = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loading;
    private ModelLoadState _state = ModelLoadState.Loading;
    private string? _loadFailure;
    private int _disposed;

    /// <summary>Read from the engine as well: a dead engine is <see cref="ModelLoadState.Failed"/> the moment it dies.</summary>
    public ModelLoadState State => EngineFailed ? ModelLoadState.Failed : _state;

    /// <summary>Why the state is <see cref="ModelLoadState.Failed"/>: the load failed, or the engine did after it.</summary>
    public string? FailureMessage => Model?.Engine.Fault is { } fault ? "The inference engine failed: " + fault.Message : _loadFailure;

    /// <summary>
    /// True once the engine's owner loop died: the process lives but can serve nothing until it restarts, so liveness
    /// fails as well as readiness (a failed load keeps liveness: a restart would fail the same way).
    /// </summary>
    public bool EngineFailed => Model?.Engine.Fault is not null;

    /// <summary>The served model, or null while loading or after a failure.</summary>
    public ServedModel? Model { get; private set; }

    /// <summary>Completes when the model is ready (faults if loading failed).</summary>
    public Task<ServedModel> Ready => _ready.Task;

    /// <summary>Completes when the host starts draining (<see cref="ModelLoadState.Draining"/>): new requests are refused from then on.</summary>
    public Task Draining => _draining.Task;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loading = Task.Run(() => Load(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (Model is { } served)
        {
            _state = ModelLoadState.Draining;
            served.Engine.StopAccepting();
            _draining.TrySetResult();
            await DrainAsync(served.Engine, cancellationToken);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_loading is not null)
        {
            await _loading.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Waits until the engine holds no request, or the drain timeout (or the host's shutdown timeout) passes.</summary>
    private async Task DrainAsync(InferenceEngine engine, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.DrainTimeout));
        try
        {
            await engine.WhenIdleAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            var statistics = engine.Statistics;
            _logger.LogWarning(
                "Drain timeout: {Running} running and {Waiting} waiting requests are cut off", statistics.SlotsBusy, statistics.RequestsWaiting);
        }
    }

    public void Dispose()
    {
        // Registered both as itself and as a hosted service, so the container disposes it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Model?.Dispose();
        _stopping.Dispose();
    }

    private void Load(CancellationToken cancellationToken)
    {
        LlamaModel? model = null;
        InferenceEngine? engine = null;
        try
        {
            LlamaBackend.Initialize(loggerFactory);
            var path = source.Resolve(options, cancellationToken);

            // Our own reader checks the file first: a corrupt file is an error message, never a crash inside llama.cpp.
            var gguf = GgufFile.Read(path);
            _logger.LogInformation("Loading {Path} ({Tensors} tensors, {Size:N0} bytes)", path, gguf.Tensors.Count, gguf.FileSize);

            var lastReported = -1;
            model = LlamaModel.LoadFromFile(path, new LlamaModelOptions
            {
                GpuLayers = options.GpuLayers,
                Progress = new Progress<float>(p =>
                {
                    var percent = (int)(p * 100);
                    if (percent / 25 != lastReported / 25)
                    {
                        lastReported = percent;
                        _logger.LogDebug("Model load {Percent}%", percent);
                    }
                }),
            }, cancellationToken);

            // The template before the engine: a bad one fails the load before an owner thread starts.
            var chat = ChatPromptRenderer.Create(model, options.ChatTemplateFile);
            engine = new InferenceEngine(model, new EngineOptions
            {
                Parallel = options.Parallel,
                ContextSize = options.CtxSize,
                StepTokenBudget = options.BatchSize,
                PrefillTokensPerStep = options.PrefillStep,
                PrefillTailTokens = options.PrefillTail,
                MaxQueue = options.MaxQueue,
                Threads = options.Threads,
                ThreadpoolPolling = options.Poll,
                CachePrompts = options.CachePrompt,
            }, observer, loggerFactory.CreateLogger<InferenceEngine>());

            // The generated default model gets a stable id, whatever its cached file is called.
            var id = options.Alias ?? (string.IsNullOrWhiteSpace(options.Model) ? "inference-tiny" : Path.GetFileNameWithoutExtension(path));
            var served = new ServedModel(id, model, engine, chat, new DateTimeOffset(File.GetLastWriteTimeUtc(path)).ToUnixTimeSeconds());
            (model, engine) = (null, null); // the served model owns them now
            Model = served;
            _state = ModelLoadState.Ready;
            _logger.LogInformation(
                "Serving {Id}: {Params:N0} parameters, {Type}, context {Context} tokens, {Parallel} slots, {SystemInfo}",
                id, served.Model.ParameterCount, served.Model.FileTypeName, served.ContextLength, options.Parallel, LlamaBackend.SystemInfo);
            _ready.TrySetResult(served);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Whatever was made before the failure goes: the engine's thread and the model's memory.
            engine?.Dispose();
            model?.Dispose();
            var reason = ex is OperationCanceledException ? "Model loading was cancelled." : ex.Message;
            _loadFailure = "The model failed to load: " + reason;
            _state = ModelLoadState.Failed;
            _logger.LogError("Model could not be loaded: {Reason}", reason);
            _ready.TrySetException(ex);
        }
    }
}
