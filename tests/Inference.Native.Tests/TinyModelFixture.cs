using Inference.Testing;

namespace Inference.Native.Tests;

public sealed class TinyModelFixture : IDisposable
{
    public TinyModelFixture() => Model = LlamaModel.LoadFromFile(TestModels.Tiny, new LlamaModelOptions { GpuLayers = 0 });

    public LlamaModel Model { get; }

    public LlamaContext NewContext(uint sequences = 1, uint contextSize = 1024) =>
        LlamaContext.Create(Model, new LlamaContextOptions { ContextSize = contextSize, SequenceCount = sequences, Threads = TestModels.Threads });

    public void Dispose() => Model.Dispose();
}
