using System.Threading.Channels;

namespace Inference.Embeddings;

/// <summary>
/// Dynamic batching for one embedding model. Requests wait in a bounded queue; a dedicated thread (or several, for a
/// model whose Embed may run concurrently) takes whatever is queued, sorts the inputs of all those requests by length and runs them in batches of similar lengths, so each batch
/// is padded only to its own longest input. A request completes when the last of its inputs has been embedded.
/// </summary>
public sealed class EmbeddingBatcher : IDisposable
{
    private readonly IEmbeddingModel _model;
    private readonly EmbeddingBatcherOptions _options;
    private readonly Channel<Job> _queue;
    private readonly Thread[] _workers;
    private volatile bool _closed;

    public EmbeddingBatcher(IEmbeddingModel model, EmbeddingBatcherOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxQueue, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxPaddingRatio, 1.0);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Workers, 1);
        if (options.Workers > 1 && !model.SupportsConcurrentEmbed)
        {
            throw new ArgumentException($"{model.GetType().Name} embeds on one thread at a time: one worker, not {options.Workers}.", nameof(options));
        }

        _model = model;
        _options = options;
        _queue = Channel.CreateBounded<Job>(new BoundedChannelOptions(options.MaxQueue) { SingleReader = options.Workers == 1 });
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
        var pending = new List<Item>();
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (_queue.Reader.TryRead(out var job))
            {
                for (var i = 0; i < job.Sequences.Count; i++)
                {
                    pending.Add(new Item(job, i));
                }
            }

            pending.Sort((a, b) => a.Length.CompareTo(b.Length));
            var start = 0;
            while (start < pending.Count)
            {
                var count = BatchSize(pending, start);
                RunBatch(pending.GetRange(start, count));
                start += count;
            }

            pending.Clear();
        }
    }

    /// <summary>How many items from <paramref name="start"/> (sorted by length) fit one batch.</summary>
    private int BatchSize(List<Item> sorted, int start)
    {
        var count = 1;
        var realTokens = sorted[start].Length;
        while (start + count < sorted.Count && count < _options.MaxBatch)
        {
            // Sorted ascending, so the next input is the batch's longest: every input is padded to it.
            var padded = (count + 1) * sorted[start + count].Length;
            if (padded > _options.MaxBatchTokens || padded > _options.MaxPaddingRatio * (realTokens + sorted[start + count].Length))
            {
                break;
            }

            realTokens += sorted[start + count].Length;
            count++;
        }

        return count;
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
            if (--_remaining == 0 && _completion.TrySetResult(_vectors))
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
