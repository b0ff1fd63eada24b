using System.Diagnostics;
using System.Threading.Channels;
using Inference.Native;
using Inference.Native.Interop;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Inference.Engine;

/// <summary>
/// Continuous batching over one llama.cpp context. Requests arrive through a channel; a single
/// owner thread admits them into slots, plans each step (<see cref="StepPlanner"/>: a token for every
/// generating sequence, then prompt chunks up to the step budget), decodes it, samples each sequence
/// and streams the token out through the request's own channel the moment it is sampled. A full KV
/// cache preempts the youngest request, which is recomputed later (docs/step-plan.md).
/// </summary>
public sealed partial class InferenceEngine : IDisposable
{
    private readonly LlamaContext _context;
    private readonly LlamaVocab _vocab;
    private readonly EngineOptions _options;
    private readonly EngineObserver _observer;
    private readonly ILogger _logger;
    // Carries PendingRequest and OwnerProbe items, so one wait wakes the owner for either.
    private readonly Channel<object> _incoming = Channel.CreateUnbounded<object>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Thread _owner;
    private readonly KvCacheManager _kv;
    private readonly StepPlanner _planner;
    private readonly StepExecutor _executor;
    private readonly TokenPieces _pieces;
    private int _queued;
    private int _slotsBusy;
    private int _kvCellsUsed;
    private int _kvCellsCached;
    private int _kvCellsShared;
    private long _steps;
    private long _promptTokens;
    private long _generatedTokens;
    private long _completed;
    private long _preemptions;
    private volatile bool _accepting = true;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? _fault;
    private int _disposed;

    // Idle signalling: the owner confirms idleness at the top of its loop; waiters take the lock only to register.
    private readonly Lock _idleLock = new();
    private bool _idleConfirmed = true;
    private TaskCompletionSource? _idleWaiters;

    public InferenceEngine(LlamaModel model, EngineOptions options, EngineObserver? observer = null, ILogger? logger = null)
    {
        options.Validate();
        _options = options;
        _observer = observer ?? new EngineObserver();
        _logger = logger ?? NullLogger.Instance;
        _vocab = model.Vocab;
        Tokenizer = new LlamaTokenizer(model);
        _pieces = new TokenPieces(_vocab);
        _planner = new StepPlanner(options);
        _context = LlamaContext.Create(model, new LlamaContextOptions
        {
            ContextSize = (uint)options.ContextSize,
            SequenceCount = (uint)options.Parallel,
            BatchSize = (uint)options.StepTokenBudget,
            MicroBatchSize = (uint)Math.Min(options.MicroBatchSize, options.StepTokenBudget),
            Threads = options.Threads,
            UnifiedKvCache = true,
            FlashAttention = options.FlashAttention switch
            {
                true => LlamaFlashAttnType.Enabled,
                false => LlamaFlashAttnType.Disabled,
                null => LlamaFlashAttnType.Auto,
            },
        });
        if (options.ThreadpoolPolling is { } polling)
        {
            // The pool must have the context's thread count; the context holds it from here on and frees it after itself.
            using var threadpool = LlamaThreadpool.Create(_context.Threads, polling);
            _context.AttachThreadpool(threadpool);
        }

        _kv = new KvCacheManager(_context.Memory, options.Parallel, _context.ContextSize, options.CachePrompts);
        _executor = new StepExecutor(_context, options.StepTokenBudget);
        _owner = new Thread(RunOwnerLoop) { IsBackground = true, Name = "inference-engine" };
        _owner.Start();
    }

    public EngineOptions Options => _options;

    /// <summary>The model's tokenizer: prompts for <see cref="Submit"/> are its tokens.</summary>
    public ITokenizer Tokenizer { get; }

    /// <summary>The most tokens one sequence may hold (prompt + output).</summary>
    public int SequenceContextSize => _context.SequenceContextSize;

    public EngineStatistics Statistics
    {
        get
        {
            // Queued before busy (the owner counts a request busy before it stops counting it queued), so a request
            // being admitted is seen in one or the other: a drain never sees 0 and 0 while one is in flight.
            var queued = Volatile.Read(ref _queued);
            var busy = Volatile.Read(ref _slotsBusy);
            return new(
                Interlocked.Read(ref _steps),
                Interlocked.Read(ref _promptTokens),
                Interlocked.Read(ref _generatedTokens),
                Interlocked.Read(ref _completed),
                _options.Parallel,
                busy,
                queued,
                Volatile.Read(ref _kvCellsUsed),
                _context.ContextSize,
                Volatile.Read(ref _kvCellsCached),
                Volatile.Read(ref _kvCellsShared),
                Interlocked.Read(ref _preemptions));
        }
    }

    /// <summary>Why the owner loop died, or null while it runs (or after a normal stop). Once set, the engine takes no requests.</summary>
    public Exception? Fault => Volatile.Read(ref _fault);

    /// <summary>
    /// Completes when the owner loop ends: successfully after <see cref="Dispose"/>, faulted with <see cref="Fault"/>
    /// when the loop died (every request in flight has then been failed and submissions are refused).
    /// </summary>
    public Task Completion => _completion.Task;

    /// <summary>
    /// Completes when no request is queued or running, as seen by the owner thread (at once when the engine is idle
    /// or its loop has ended). A request submitted before the call is waited for.
    /// </summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken = default)
    {
        Task idle;
        lock (_idleLock)
        {
            if (_idleConfirmed && Volatile.Read(ref _queued) == 0)
            {
                return Task.CompletedTask;
            }

            _idleWaiters ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            idle = _idleWaiters.Task;
        }

        return idle.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Queues a request and returns its event stream. Throws <see cref="ContextLengthExceededException"/>
    /// for a prompt that cannot fit, <see cref="EngineQueueFullException"/> when the queue is full.
    /// Cancelling <paramref name="cancellationToken"/> frees the request's slot within one step.
    /// </summary>
    public ChannelReader<GenerationEvent> Submit(GenerationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_accepting)
        {
            throw new EngineStoppedException(Fault);
        }

        if (request.PromptTokens.Count == 0)
        {
            throw new ArgumentException("The prompt is empty.", nameof(request));
        }

        if (request.MaxTokens is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.MaxTokens, "max_tokens must be at least 1.");
        }

        if (request.PromptTokens.Count >= SequenceContextSize)
        {
            throw new ContextLengthExceededException(request.PromptTokens.Count, SequenceContextSize);
        }

        // Waiting beyond the free slots is what the queue bound limits. Queued is counted before busy is read,
        // and the owner marks a request busy before it stops counting it queued, so none is missed in between.
        var queued = Interlocked.Increment(ref _queued);
        if (queued + Volatile.Read(ref _slotsBusy) > _options.MaxQueue + _options.Parallel)
        {
            Interlocked.Decrement(ref _queued);
            throw new EngineQueueFullException(_options.MaxQueue);
        }

        var pending = new PendingRequest(request, [.. request.PromptTokens], cancellationToken, Stopwatch.GetTimestamp());
        if (!_incoming.Writer.TryWrite(pending))
        {
            Interlocked.Decrement(ref _queued);
            throw new EngineStoppedException(Fault);
        }

        return pending.Events.Reader;
    }

    /// <summary>
    /// Runs <paramref name="probe"/> on the owner thread between two steps, where the context may
    /// be read safely (diagnostics and tests: e.g. the KV cells of a slot).
    /// </summary>
    internal Task<T> InspectAsync<T>(Func<LlamaContext, T> probe)
    {
        var item = new OwnerProbe(() => probe(_context));
        if (!_incoming.Writer.TryWrite(item))
        {
            throw new EngineStoppedException();
        }

        return item.Completion.Task.ContinueWith(t => (T)t.Result!, TaskScheduler.Default);
    }

    /// <summary>Makes the owner loop throw at its next iteration, as a bug in it would (tests of the fault path).</summary>
    internal void InjectFaultForTest()
    {
        if (!_incoming.Writer.TryWrite(FaultInjection))
        {
            throw new EngineStoppedException(Fault);
        }
    }

    /// <summary>Stops taking new requests; those already submitted run to completion.</summary>
    public void StopAccepting() => _accepting = false;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _accepting = false;
        _incoming.Writer.TryComplete();
        _stopping.Cancel();
        if (_owner.IsAlive && Thread.CurrentThread != _owner)
        {
            _owner.Join();
        }

        _executor.Dispose();
        _context.Dispose();
        _stopping.Dispose();
    }
}
