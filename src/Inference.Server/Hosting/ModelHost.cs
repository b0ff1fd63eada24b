using Inference.Engine;
using Inference.Gguf;
using Inference.Native;

namespace Inference.Server.Hosting;

public enum ModelLoadState
{
    Loading,
    Ready,
    Failed,
}

/// <summary>
/// Loads the model in the background once the server listens, so /health can answer 503
/// while loading and 200 when ready; stops the engine when the host stops.
/// </summary>
public sealed class ModelHost(ServerOptions options, ModelSource source, ILoggerFactory loggerFactory) : IHostedService, IDisposable
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<ModelHost>();
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource<ServedModel> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loading;

    public ModelLoadState State { get; private set; } = ModelLoadState.Loading;

    public string? FailureMessage { get; private set; }

    /// <summary>The served model, or null while loading or after a failure.</summary>
    public ServedModel? Model { get; private set; }

    /// <summary>Completes when the model is ready (faults if loading failed).</summary>
    public Task<ServedModel> Ready => _ready.Task;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loading = Task.Run(() => Load(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_loading is not null)
        {
            await _loading.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        Model?.Engine.StopAccepting();
    }

    public void Dispose()
    {
        Model?.Dispose();
        _stopping.Dispose();
    }

    private void Load(CancellationToken cancellationToken)
    {
        try
        {
            LlamaBackend.Initialize(loggerFactory);
            var path = source.Resolve(options, cancellationToken);

            // Our own reader checks the file first: a corrupt file is an error message, never a crash inside llama.cpp.
            var gguf = GgufFile.Read(path);
            _logger.LogInformation("Loading {Path} ({Tensors} tensors, {Size:N0} bytes)", path, gguf.Tensors.Count, gguf.FileSize);

            var lastReported = -1;
            var model = LlamaModel.LoadFromFile(path, new LlamaModelOptions
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

            var engine = new InferenceEngine(model, new EngineOptions
            {
                Parallel = options.Parallel,
                ContextSize = options.CtxSize,
                StepTokenBudget = options.BatchSize,
                MaxQueue = options.MaxQueue,
                Threads = options.Threads,
            }, logger: loggerFactory.CreateLogger<InferenceEngine>());

            var id = options.Alias ?? Path.GetFileNameWithoutExtension(path);
            var chat = ChatPromptRenderer.Create(model, options.ChatTemplateFile);
            Model = new ServedModel(id, model, engine, chat, new DateTimeOffset(File.GetLastWriteTimeUtc(path)).ToUnixTimeSeconds());
            State = ModelLoadState.Ready;
            _logger.LogInformation(
                "Serving {Id}: {Params:N0} parameters, {Type}, context {Context} tokens, {Parallel} slots, {SystemInfo}",
                id, model.ParameterCount, model.FileTypeName, engine.SequenceContextSize, options.Parallel, LlamaBackend.SystemInfo);
            _ready.TrySetResult(Model);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            FailureMessage = ex is OperationCanceledException ? "Model loading was cancelled." : ex.Message;
            State = ModelLoadState.Failed;
            _logger.LogError("Model could not be loaded: {Reason}", FailureMessage);
            _ready.TrySetException(ex);
        }
    }
}
