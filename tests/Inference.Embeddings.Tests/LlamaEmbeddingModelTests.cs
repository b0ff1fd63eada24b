using Inference.Embeddings;
using Inference.Native.Interop;
using Inference.Testing;

namespace Inference.Embeddings.Tests;

/// <summary>
/// The generated GGUF embedding model (llama architecture, mean pooling in its metadata) through real llama.cpp.
/// "Identical" allows float rounding only: llama.cpp pools with a matrix product over the batch's tokens, whose
/// summation order depends on how many tokens the batch holds (measured: differences in the last bit, under 1e-7).
/// </summary>
public sealed class LlamaEmbeddingModelTests : IDisposable
{
    private const float Rounding = 1e-6f;

    private readonly LlamaEmbeddingModel _model = new(TestModels.Embedding, TestModels.Threads, pooling: null);

    [Fact]
    public void Pooling_comes_from_the_metadata_unless_named()
    {
        using var last = new LlamaEmbeddingModel(TestModels.Embedding, TestModels.Threads, "last");

        Assert.Equal(LlamaPoolingType.Mean, _model.Pooling);
        Assert.Equal(LlamaPoolingType.Last, last.Pooling);
        Assert.NotEqual(Embed(_model, "kubelet"), Embed(last, "kubelet"));
    }

    [Fact]
    public void Vectors_are_identical_alone_and_batched_as_separate_sequences()
    {
        string[] texts = ["the pod keeps restarting", "node not ready", "a much longer input about a deployment that failed twice in a row", "x"];
        var alone = texts.Select(t => Embed(_model, t)).ToArray();

        var batched = _model.Embed([.. texts.Select(t => _model.Sequence(_model.Tokenize(t)))]);

        Assert.Equal(_model.Dimensions, alone[0].Length);
        Assert.Equal(1f, MathF.Sqrt(alone[0].Sum(v => v * v)), 4);
        for (var i = 0; i < texts.Length; i++)
        {
            AssertIdentical(alone[i], batched[i]);
        }

        Assert.NotEqual(alone[0], alone[1]);
    }

    [Fact]
    public async Task Vectors_are_identical_through_the_batcher_under_concurrent_requests_on_two_contexts()
    {
        // Two threads: two contexts of the one model, each decoding its own batch; the server's batcher options.
        using var model = new LlamaEmbeddingModel(TestModels.Embedding, threads: 2, pooling: null);
        var options = EmbeddingBatcherOptions.For(model);
        Assert.Equal(2, options.Workers);
        Assert.Equal(LlamaEmbeddingModel.PreferredBatchTokens, options.MaxBatchTokens);
        using var batcher = new EmbeddingBatcher(model, options);
        var target = model.Sequence(model.Tokenize("disk pressure on node-3"));
        var alone = _model.Embed([target])[0];

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            batcher.EmbedAsync([model.Sequence(model.Tokenize($"filler {i}")), target], CancellationToken.None))));

        Assert.All(results, r => AssertIdentical(alone, r[1]));
    }

    [Fact]
    public void A_model_without_pooling_is_refused_with_the_way_out()
    {
        var error = Assert.Throws<InvalidDataException>(() => new LlamaEmbeddingModel(TestModels.Tiny, TestModels.Threads, pooling: null));

        Assert.Contains("--pooling", error.Message, StringComparison.Ordinal);
    }

    private static void AssertIdentical(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var largest = expected.Zip(actual, (e, a) => MathF.Abs(e - a)).Max();
        Assert.True(largest <= Rounding, $"largest difference {largest}");
    }

    private static float[] Embed(LlamaEmbeddingModel model, string text) => model.Embed([model.Sequence(model.Tokenize(text))])[0];

    public void Dispose() => _model.Dispose();
}
