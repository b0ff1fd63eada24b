using System.Threading.Channels;

namespace Inference.Embeddings;

/// <summary>
/// Dynamic batching for one embedding model. Requests wait in a bounded queue. When no formed batch is left, the next
/// free worker takes every queued request, sorts all their inputs by length and cuts them into batches of similar
/// lengths (a round), so each batch is padded only to its own longest input; the workers (one per
/// <see cref="IEmbeddingModel.ConcurrentEmbeds"/>) take that round's batches one at a time, so even one large request
/// keeps every worker busy. A request completes when the last of its inputs has been embedded.
/// </summary>
public sealed class EmbeddingBatcher : IDisposable
{
    private readonly IEmbeddingModel _model;
    private readonly EmbeddingBatcherOptions _options;
    private readonly Channel<Job> _queue;
    private readonly Channel<List<Item>> _batches = Channel.CreateUnbounded<List<Item>>();
    private readonly Lock _roundLock = new();
    private readonly Thread[] _workers;
    private volatile bool _closed;

    public EmbeddingBatcher(IEmbeddingModel model, EmbeddingBatcherOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxQueue, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(options.PassOverheadTokens);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Workers, 1);
        if (options.Workers > model.ConcurrentEmbeds)
        {
            throw new ArgumentException($"{model.GetType().Name} runs at most {model.ConcurrentEmbeds} Embed calls at once: not {options.Workers} workers.", nameof(options));
        }

        _model = model;
        _options = options;
        _queue = Channel.CreateBounded<Job>(new BoundedChannelOptions(options.MaxQueue));
        _workers = [.. Enumerable.Range(0, options.Workers).Select(i => new Thread(Run) { IsBackground = true, Name = $"embeddings-{i}" })];
        foreach (var worker in _workers)
        {
            worker.Start();
        }
    }

    public IEmbeddingModel Model => _model;

    /// <summary>One vector per sequence, in order. Throws <see cref="EmbeddingQueueFullException"/> when the queue is full.</summary>
    public Task<float[][]> EmbedAsync(IReadOnlyList<int[]> sequences, CancellationToken cancellationToken)
    {
        if (sequences.Count == 0)
        {
            return Task.FromResult(Array.Empty<float[]>());
        }

        var job = new Job(sequences, cancellationToken);
        if (!_queue.Writer.TryWrite(job))
        {
            job.Dispose();
            // Closed (disposing) is not "full": the reader completes only once the queue is empty.
            throw _closed
                ? new ObjectDisposedException(nameof(EmbeddingBatcher))
                : new EmbeddingQueueFullException(_options.MaxQueue);
        }

        return job.Task;
    }

    private void Run()
    {
        while (true)
        {
            if (_batches.Reader.TryRead(out var batch))
            {
                RunBatch(batch);
            }
            else if (!TryFormRound())
            {
                if (_queue.Reader.Completion.IsCompleted)
                {
                    return;
                }

                // Idle: wake for a new request, or for a round another worker has just formed.
                Task.WaitAny(_queue.Reader.WaitToReadAsync().AsTask(), _batches.Reader.WaitToReadAsync().AsTask());
            }
        }
    }

    /// <summary>
    /// Cuts everything queued into batches, unless batches are still waiting; false when there was nothing to do.
    /// Forming a round only once the last one is taken lets requests that arrive meanwhile join the next one.
    /// </summary>
    private bool TryFormRound()
    {
        lock (_roundLock)
        {
            if (_batches.Reader.Count > 0)
            {
                return true;
            }

            var pending = new List<Item>();
            while (_queue.Reader.TryRead(out var job))
            {
                for (var i = 0; i < job.Sequences.Count; i++)
                {
                    pending.Add(new Item(job, i));
                }
            }

            if (pending.Count == 0)
            {
                return false;
            }

            pending.Sort((a, b) => a.Length.CompareTo(b.Length));
            var start = 0;
            foreach (var count in EmbeddingBatchPlanner.Cut(pending.ConvertAll(item => item.Length), _model.PadsBatches, _options))
            {
                _batches.Writer.TryWrite(pending.GetRange(start, count));
                start += count;
            }

            return true;
        }
    }

    private void RunBatch(List<Item> batch)
    {
        // Inputs of requests already cancelled are not computed.
        batch.RemoveAll(item => item.Job.Task.IsCompleted);
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            var vectors = _model.Embed(batch.ConvertAll(item => item.Job.Sequences[item.Index]));
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Job.Complete(batch[i].Index, vectors[i]);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            foreach (var item in batch)
            {
                item.Job.Fail(ex);
            }
        }
    }

    public void Dispose()
    {
        _closed = true;
        if (!_queue.Writer.TryComplete())
        {
            return;
        }

        foreach (var worker in _workers)
        {
            worker.Join();
        }
    }

    private readonly record struct Item(Job Job, int Index)
    {
        public int Length => Job.Sequences[Index].Length;
    }

    private sealed class Job : IDisposable
    {
        private readonly TaskCompletionSource<float[][]> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly float[][] _vectors;
        private readonly CancellationTokenRegistration _cancellation;
        private int _remaining;

        public Job(IReadOnlyList<int[]> sequences, CancellationToken cancellationToken)
        {
            Sequences = sequences;
            _vectors = new float[sequences.Count][];
            _remaining = sequences.Count;
            _cancellation = cancellationToken.Register(() => _completion.TrySetCanceled(cancellationToken));
        }

        public IReadOnlyList<int[]> Sequences { get; }

        public Task<float[][]> Task => _completion.Task;

        public void Complete(int index, float[] vector)
        {
            _vectors[index] = vector;
            // The inputs of one request may run on several workers at once.
            if (Interlocked.Decrement(ref _remaining) == 0 && _completion.TrySetResult(_vectors))
            {
                Dispose();
            }
        }

        public void Fail(Exception exception)
        {
            if (_completion.TrySetException(exception))
            {
                Dispose();
            }
        }

        public void Dispose() => _cancellation.Dispose();
    }
}
