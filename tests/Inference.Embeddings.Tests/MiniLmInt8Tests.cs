using Inference.Embeddings;
using Xunit.Abstractions;

namespace Inference.Embeddings.Tests;

/// <summary>
/// <c>--embedding-quantize int8</c>: the MiniLM weights int8 per column (OnnxInt8Quantizer), against the package's
/// float32 Encode. Lossy by design, so the bound is onnxruntime's dynamic quantization's, not the 0.9999 of parity.
/// </summary>
public sealed class MiniLmInt8Tests(MiniLmFixture minilm, ITestOutputHelper output) : IClassFixture<MiniLmFixture>
{
    private const float MinCosine = 0.985f;

    [Theory]
    [MemberData(nameof(MiniLmParityTests.SameTokens), MemberType = typeof(MiniLmParityTests))]
    public void Int8_vectors_stay_close_to_the_package(string kind, string text)
    {
        var ours = minilm.Int8.Embed([minilm.Int8.Sequence(minilm.Int8.Tokenize(text))])[0];
        var theirs = minilm.Oracle.Encode([text])[0];
        var cosine = VectorMath.Cosine(ours, theirs);
        output.WriteLine($"{kind}: int8 cosine {cosine:F5}");
        Assert.True(cosine >= MinCosine, $"{kind}: cosine {cosine}");
        Assert.Equal(1f, VectorMath.Cosine(ours, ours), 5);
    }

    [Fact]
    public void Int8_vectors_carry_meaning()
    {
        float[] Embed(string text) => minilm.Int8.Embed([minilm.Int8.Sequence(minilm.Int8.Tokenize(text))])[0];
        var pod = Embed("the pod keeps restarting");

        Assert.True(VectorMath.Cosine(pod, Embed("container in a crash loop")) > VectorMath.Cosine(pod, Embed("a recipe for banana bread")));
    }

    [Fact]
    public void Every_matrix_product_by_a_weight_is_quantized()
    {
        var file = File.ReadAllBytes(Path.Combine(minilm.Folder, "model.onnx"));
        var (model, quantized) = OnnxInt8Quantizer.Quantize(file);

        // Six layers × (query, key, value, attention output, two feed-forward); the float weights are dropped.
        Assert.Equal(36, quantized);
        Assert.True(model.Length < file.Length * 0.75, $"{model.Length} of {file.Length} bytes");
    }

    [Fact]
    public void Int8_is_refused_where_it_cannot_run()
    {
        var gpu = Assert.Throws<ArgumentException>(() => new OnnxEmbeddingModel(minilm.Folder, 1, OnnxDevice.RequireCuda, EmbeddingQuantization.Int8));
        Assert.Contains("--require-gpu", gpu.Message, StringComparison.Ordinal);

        var gguf = Path.Combine(Path.GetTempPath(), $"not-onnx-{Guid.NewGuid():N}.gguf");
        File.WriteAllBytes(gguf, [0]);
        try
        {
            var error = Assert.Throws<ArgumentException>(() => EmbeddingModelLoader.Load(gguf, new EmbeddingLoadOptions
            {
                CacheDir = Path.GetTempPath(),
                Quantization = EmbeddingQuantization.Int8,
            }));
            Assert.Contains("--embedding-quantize applies to ONNX models", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(gguf);
        }
    }
}
