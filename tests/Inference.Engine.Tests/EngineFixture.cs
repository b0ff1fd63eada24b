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

    /// <summary>Waits until every slot is free again (requests finish asynchronously to their streams' readers).</summary>
    public async Task<int[]> OccupiedSlotsAsync() =>
        await Engine.InspectAsync(ctx => Enumerable.Range(0, ctx.SequenceCount).Where(s => ctx.Memory.MaxPosition(s) >= 0).ToArray());

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
