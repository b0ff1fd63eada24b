using Inference.Embeddings;

namespace Inference.Embeddings.Tests;

/// <summary>Queueing and batch forming, with a stand-in model that records its batches and can be held.</summary>
public sealed class EmbeddingBatcherQueueTests
{
    [Fact]
    public async Task A_full_queue_rejects_the_next_request()
    {
        using var model = new RecordingModel { Hold = true };
        using var batcher = new EmbeddingBatcher(model, new EmbeddingBatcherOptions { MaxQueue = 1 });

        var running = batcher.EmbedAsync([[1, 2]], CancellationToken.None);
        await model.Entered.Task; // the worker holds the first request, out of the queue
        var waiting = batcher.EmbedAsync([[3]], CancellationToken.None);

        var full = Assert.Throws<EmbeddingQueueFullException>(() => { _ = batcher.EmbedAsync([[4]], CancellationToken.None); });
        Assert.Equal(1, full.MaxQueue);

        model.Release();
        Assert.Single(await running);
        Assert.Single(await waiting);
    }

    [Fact]
    public async Task Batches_group_similar_lengths_and_pad_only_to_their_longest()
    {
        using var model = new RecordingModel();
        using var batcher = new EmbeddingBatcher(model, new EmbeddingBatcherOptions { MaxBatch = 2 });

        var vectors = await batcher.EmbedAsync([Tokens(100), Tokens(10), Tokens(99), Tokens(11)], CancellationToken.None);

        Assert.Equal([[10, 11], [99, 100]], model.Batches.Select(b => b.Select(s => s.Length).ToArray()).ToArray());
        Assert.Equal([100f, 10f, 99f, 11f], vectors.Select(v => v[0]));
    }

    [Theory]
    // 10, 11, 12 pad to 36; with 20 all four pad to 80. Two passes cost 2 × 8 + 36 + 20 = 72 < 8 + 80: split.
    [InlineData(8, new[] { 3, 1 })]
    // A pass costing 30 tokens: 30 + 80 = 110 < 2 × 30 + 56 = 116: one pass.
    [InlineData(30, new[] { 4 })]
    public async Task A_longer_input_joins_a_batch_only_while_its_padding_costs_less_than_a_pass(int passOverhead, int[] sizes)
    {
        using var model = new RecordingModel();
        using var batcher = new EmbeddingBatcher(model, new EmbeddingBatcherOptions { PassOverheadTokens = passOverhead });

        await batcher.EmbedAsync([Tokens(20), Tokens(12), Tokens(10), Tokens(11)], CancellationToken.None);

        Assert.Equal(sizes, model.Batches.Select(b => b.Length).ToArray());
    }

    [Fact]
    public async Task A_model_without_padding_takes_any_lengths_in_one_batch()
    {
        using var model = new RecordingModel { PadsBatches = false };
        using var batcher = new EmbeddingBatcher(model, new EmbeddingBatcherOptions { PassOverheadTokens = 1 });

        await batcher.EmbedAsync([Tokens(200), Tokens(3), Tokens(40)], CancellationToken.None);

        Assert.Equal([[3, 40, 200]], model.Batches.Select(b => b.Select(s => s.Length).ToArray()).ToArray());
    }

    [Fact]
    public async Task Inputs_of_a_cancelled_request_are_not_computed()
    {
        using var model = new RecordingModel { Hold = true };
        using var batcher = new EmbeddingBatcher(model, new EmbeddingBatcherOptions());
        using var cancel = new CancellationTokenSource();

        var first = batcher.EmbedAsync([Tokens(1)], CancellationToken.None);
        await model.Entered.Task;
        var cancelled = batcher.EmbedAsync([Tokens(7)], cancel.Token);
        await cancel.CancelAsync();
        model.Release();

        await first;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        using var after = new CancellationTokenSource();
        await batcher.EmbedAsync([Tokens(3)], after.Token);
        Assert.DoesNotContain(model.Batches, b => b.Any(s => s.Length == 7));
    }

    [Fact]
    public async Task Two_workers_run_two_batches_at_once()
    {
        using var model = new RecordingModel { Hold = true };
        using var batcher = new EmbeddingBatcher(model, new EmbeddingBatcherOptions { Workers = 2 });

        var first = batcher.EmbedAsync([Tokens(1)], CancellationToken.None);
        await model.Entered.Task; // one worker holds the first request
        var second = batcher.EmbedAsync([Tokens(2)], CancellationToken.None);
        await model.TwoInside.Task; // the other worker took the second while the first still runs

        model.Release();
        Assert.Equal(1f, (await first)[0][0]);
        Assert.Equal(2f, (await second)[0][0]);
    }

    [Fact]
    public async Task One_request_cut_in_two_batches_runs_on_both_workers()
    {
        using var model = new RecordingModel { Hold = true };
        using var batcher = new EmbeddingBatcher(model, new EmbeddingBatcherOptions { Workers = 2, PassOverheadTokens = 1 });

        var vectors = batcher.EmbedAsync([Tokens(100), Tokens(2)], CancellationToken.None);
        await model.TwoInside.Task; // both batches of the one request run at once

        model.Release();
        Assert.Equal([100f, 2f], (await vectors).Select(v => v[0]));
    }

    [Fact]
    public void More_workers_than_the_model_runs_at_once_are_refused()
    {
        using var model = new RecordingModel();
        var error = Assert.Throws<ArgumentException>(() => new EmbeddingBatcher(model, new EmbeddingBatcherOptions { Workers = 3 }));
        Assert.Contains("at most 2", error.Message, StringComparison.Ordinal);
    }

    private static int[] Tokens(int count) => [.. Enumerable.Repeat(5, count)];

    /// <summary>Stand-in for a real model: a sequence's vector is its length; can hold the worker until released.</summary>
    private sealed class RecordingModel : IEmbeddingModel
    {
        private readonly SemaphoreSlim _gate = new(0);

        public bool Hold { get; init; }

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Set when two calls of Embed run at the same time.</summary>
        public TaskCompletionSource TwoInside { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private int _inside;

        public List<int[][]> Batches { get; } = [];

        public int ConcurrentEmbeds => 2;

        public bool PadsBatches { get; init; } = true;

        public int Dimensions => 1;

        public int MaxTokens => 512;

        public int VocabularySize => 10;

        public int SpecialTokenCount => 0;

        public void Release() => _gate.Release(int.MaxValue / 2);

        public int[] Tokenize(string text) => [];

        public int[] Sequence(ReadOnlySpan<int> content) => content.ToArray();

        public float[][] Embed(IReadOnlyList<int[]> sequences)
        {
            Entered.TrySetResult();
            if (Interlocked.Increment(ref _inside) == 2)
            {
                TwoInside.TrySetResult();
            }

            if (Hold)
            {
                _gate.Wait();
            }

            Interlocked.Decrement(ref _inside);

            lock (Batches)
            {
                Batches.Add([.. sequences]);
            }

            return [.. sequences.Select(s => new float[] { s.Length })];
        }

        public void Dispose() => _gate.Dispose();
    }
}
