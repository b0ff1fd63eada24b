using Inference.Embeddings;

namespace Inference.Embeddings.Tests;

/// <summary>The cut of sorted inputs into batches, without a model.</summary>
public sealed class EmbeddingBatchPlannerTests
{
    private static readonly EmbeddingBatcherOptions Options = new() { PassOverheadTokens = 10, MaxBatch = 4, MaxBatchTokens = 100 };

    [Fact]
    public void Equal_lengths_fill_batches_up_to_MaxBatch()
    {
        Assert.Equal([4, 4, 2], EmbeddingBatchPlanner.Cut([.. Enumerable.Repeat(5, 10)], padded: true, Options));
    }

    [Fact]
    public void Padded_tokens_stay_within_MaxBatchTokens()
    {
        // 3 × 30 = 90 fits; 4 × 30 = 120 does not.
        Assert.Equal([3, 1], EmbeddingBatchPlanner.Cut([30, 30, 30, 30], padded: true, Options));
    }

    [Fact]
    public void An_input_longer_than_MaxBatchTokens_runs_alone()
    {
        Assert.Equal([2, 1], EmbeddingBatchPlanner.Cut([5, 5, 500], padded: true, Options));
    }

    [Fact]
    public void The_cut_minimises_passes_plus_padded_tokens()
    {
        // [2, 3] [40, 41]: 10 + 6 + 10 + 82 = 108; every other cut costs more (one pass of four: 10 + 164).
        Assert.Equal([2, 2], EmbeddingBatchPlanner.Cut([2, 3, 40, 41], padded: true, Options));
    }

    [Fact]
    public void Without_padding_only_the_limits_cut()
    {
        Assert.Equal([3, 1], EmbeddingBatchPlanner.Cut([2, 3, 90, 95], padded: false, Options));
        Assert.Empty(EmbeddingBatchPlanner.Cut([], padded: false, Options));
    }
}
