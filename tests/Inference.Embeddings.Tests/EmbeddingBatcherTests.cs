using Inference.Embeddings;

namespace Inference.Embeddings.Tests;

/// <summary>The batcher with the real MiniLM: a vector does not depend on what it was batched with.</summary>
public sealed class EmbeddingBatcherTests(MiniLmFixture minilm) : IClassFixture<MiniLmFixture>
{
    private const string Target = "the pod keeps restarting";

    /// <summary>Padding and batch shape change float rounding in the matrix products, never more.</summary>
    private const float Tolerance = 1e-5f;

    [Fact]
    public async Task A_vector_is_the_same_alone_in_a_batch_of_32_and_under_16_concurrent_requests()
    {
        using var batcher = new EmbeddingBatcher(minilm.Model, new EmbeddingBatcherOptions());
        var target = Sequence(Target);
        var alone = (await batcher.EmbedAsync([target], CancellationToken.None))[0];

        var batch = Enumerable.Range(0, 32).Select(i => i == 17 ? target : Sequence(Filler(i))).ToArray();
        var inBatch = (await batcher.EmbedAsync(batch, CancellationToken.None))[17];

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() =>
            batcher.EmbedAsync(i % 4 == 0 ? [target] : [Sequence(Filler(i)), target, Sequence(Filler(i + 1))], CancellationToken.None))));

        AssertClose(alone, minilm.Embed(Target));
        AssertClose(alone, inBatch);
        foreach (var vectors in concurrent)
        {
            AssertClose(alone, vectors.Length == 1 ? vectors[0] : vectors[1]);
        }
    }

    [Fact]
    public async Task Vectors_come_back_in_input_order()
    {
        using var batcher = new EmbeddingBatcher(minilm.Model, new EmbeddingBatcherOptions { MaxBatch = 3 });
        string[] texts = ["a much longer sentence about a deployment that failed twice", "short", Target, "x"];

        var vectors = await batcher.EmbedAsync([.. texts.Select(Sequence)], CancellationToken.None);

        for (var i = 0; i < texts.Length; i++)
        {
            AssertClose(minilm.Embed(texts[i]), vectors[i]);
        }
    }

    private int[] Sequence(string text) => minilm.Model.Sequence(minilm.Model.Tokenize(text));

    private static string Filler(int i) =>
        string.Join(' ', Enumerable.Repeat($"filler sentence number {i} about nodes", 1 + (i % 5)));

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance, $"component {i}: {expected[i]} vs {actual[i]}");
        }
    }
}
