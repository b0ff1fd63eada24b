using Inference.Native;
using Inference.Testing;

namespace Inference.Engine.Tests;

/// <summary>One tiny model and one 8-slot engine shared by the engine tests (loading is the slow part).</summary>
public sealed class EngineFixture : IDisposable
{
    public EngineFixture()
    {
        Model = LlamaModel.LoadFromFile(TestModels.Tiny, new LlamaModelOptions { GpuLayers = 0 });
        Engine = new InferenceEngine(Model, new EngineOptions { Parallel = 8, ContextSize = 4096, StepTokenBudget = 256, MaxQueue = 128, Threads = TestModels.Threads, ThreadpoolPolling = 0 });
    }

    public LlamaModel Model { get; }

    public InferenceEngine Engine { get; }

    public int[] Tokenize(string text) => Model.Vocab.Tokenize(text, addSpecial: true, parseSpecial: false);

    public GenerationRequest Greedy(string prompt, int maxTokens) =>
        new() { PromptTokens = Tokenize(prompt), MaxTokens = maxTokens, Sampling = SamplingOptions.Greedy };

    public Task<GenerationOutput> RunAsync(GenerationRequest request, CancellationToken cancellationToken = default) =>
        Engine.Submit(request, cancellationToken).CollectAsync(CancellationToken.None);

    /// <summary>
    /// Checks, between two steps, that no slot is busy and that the only KV cells still held are the idle slots'
    /// prompt caches, exactly as many as the engine counts (nothing leaked, nothing lost; cells shared by several
    /// slots are held once per slot in llama.cpp's per-sequence positions and once in the engine's count).
    /// </summary>
    public async Task AssertOnlyPromptCachesHeldAsync()
    {
        var (statistics, held) = await Engine.InspectAsync(ctx =>
            (Engine.Statistics, Enumerable.Range(0, ctx.SequenceCount).Sum(s => ctx.Memory.MaxPosition(s) + 1)));
        Assert.Equal(0, statistics.SlotsBusy);
        Assert.Equal(held, statistics.KvCellsUsed + statistics.KvCellsShared);
        Assert.Equal(statistics.KvCellsUsed, statistics.KvCellsCached);
    }

    public void Dispose()
    {
        Engine.Dispose();
        Model.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<EngineFixture>
{
    public const string Name = "engine";
}
