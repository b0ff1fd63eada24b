using Inference.Testing;

namespace Inference.Native.Tests;

public class DecodeTests(TinyModelFixture fixture) : IClassFixture<TinyModelFixture>
{
    internal static int[] GreedyDecode(LlamaModel model, LlamaContext context, string prompt, int count, int sequence = 0)
    {
        var tokens = model.Vocab.Tokenize(prompt, addSpecial: true, parseSpecial: false);
        using var batch = new LlamaBatch(512);
        using var sampler = new LlamaSamplerChain().AddGreedy();
        for (var i = 0; i < tokens.Length; i++)
        {
            batch.Add(tokens[i], i, sequence, wantLogits: i == tokens.Length - 1);
        }

        Assert.Equal(0, context.Decode(batch));
        var output = new int[count];
        var position = tokens.Length;
        for (var n = 0; n < count; n++)
        {
            output[n] = sampler.Sample(context, batch.Count - 1);
            batch.Clear();
            batch.Add(output[n], position++, sequence, wantLogits: true);
            Assert.Equal(0, context.Decode(batch));
        }

        return output;
    }

    [Fact]
    public void Greedy_decoding_of_32_tokens_is_identical_on_every_run_and_after_a_reload()
    {
        int[] first, second, reloaded;
        using (var context = fixture.NewContext())
        {
            first = GreedyDecode(fixture.Model, context, "Hello, world! This is a test", 32);
        }

        using (var context = fixture.NewContext())
        {
            second = GreedyDecode(fixture.Model, context, "Hello, world! This is a test", 32);
        }

        using (var model = LlamaModel.LoadFromFile(TestModels.Tiny, new LlamaModelOptions { GpuLayers = 0 }))
        using (var context = LlamaContext.Create(model, new LlamaContextOptions { ContextSize = 1024, Threads = TestModels.Threads }))
        {
            reloaded = GreedyDecode(model, context, "Hello, world! This is a test", 32);
        }

        Assert.Equal(first, second);
        Assert.Equal(first, reloaded);
        Assert.True(first.Distinct().Count() > 3, "the model should not repeat one token forever");
    }

    [Fact]
    public void Model_metadata_and_vocab_are_readable()
    {
        var model = fixture.Model;

        Assert.Equal("llama", model.GetMetadata("general.architecture"));
        Assert.Null(model.GetMetadata("no.such.key"));
        Assert.Contains(model.Metadata, kv => kv.Key == "general.architecture");
        Assert.Contains("<|im_start|>", model.GetChatTemplate(), StringComparison.Ordinal);
        Assert.InRange(model.ParameterCount, 10_000_000UL, 25_000_000UL);
        Assert.True(model.ContextLengthTrained >= 2048);
        Assert.True(model.Vocab.IsEndOfGeneration(model.Vocab.Eos));
        Assert.Equal("<|im_end|>", model.Vocab.GetSpecialText(model.Vocab.Eos));
        Assert.False(string.IsNullOrEmpty(model.Description));
    }

    [Fact]
    public void Load_progress_is_reported_and_a_cancelled_load_throws()
    {
        var reports = new List<float>();
        using (LlamaModel.LoadFromFile(TestModels.Tiny, new LlamaModelOptions { GpuLayers = 0, Progress = new SynchronousProgress(reports.Add) }))
        {
        }

        Assert.NotEmpty(reports);
        Assert.Equal(1.0f, reports.Max());

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => LlamaModel.LoadFromFile(TestModels.Tiny, new LlamaModelOptions { GpuLayers = 0 }, cancelled.Token));
    }

    [Fact]
    public void A_context_keeps_its_model_alive_after_the_model_is_disposed()
    {
        var model = LlamaModel.LoadFromFile(TestModels.Tiny, new LlamaModelOptions { GpuLayers = 0 });
        using var context = LlamaContext.Create(model, new LlamaContextOptions { ContextSize = 512, Threads = TestModels.Threads });
        model.Dispose();

        var tokens = GreedyDecode(model, context, "still usable", 4);

        Assert.Equal(4, tokens.Length);
    }

    private sealed class SynchronousProgress(Action<float> report) : IProgress<float>
    {
        public void Report(float value) => report(value);
    }
}
