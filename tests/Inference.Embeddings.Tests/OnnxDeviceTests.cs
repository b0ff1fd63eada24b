using Inference.Embeddings;

namespace Inference.Embeddings.Tests;

/// <summary>The test build carries ONNX Runtime's CPU package, whose CUDA execution provider is absent: what each device choice does then.</summary>
public sealed class OnnxDeviceTests(MiniLmFixture minilm) : IClassFixture<MiniLmFixture>
{
    [Fact]
    public void Prefer_cuda_without_the_provider_runs_on_the_cpu_with_the_same_vectors()
    {
        using var model = new OnnxEmbeddingModel(minilm.Folder, threads: 1, OnnxDevice.PreferCuda);

        Assert.False(model.UsesCuda);
        var sequence = model.Sequence(model.Tokenize("the pod keeps restarting"));
        Assert.Equal(minilm.Model.Embed([sequence])[0], model.Embed([sequence])[0]);
    }

    [Fact]
    public void Require_cuda_without_the_provider_fails_to_load_and_says_why()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new OnnxEmbeddingModel(minilm.Folder, threads: 1, OnnxDevice.RequireCuda));

        Assert.Contains("--require-gpu", error.Message, StringComparison.Ordinal);
        Assert.Contains("CUDA", error.Message, StringComparison.Ordinal);
    }
}
