using BenchmarkDotNet.Attributes;
using Inference.Native;

namespace Inference.Benchmarks.Serving;

/// <summary>
/// The engine's per-step work outside llama_decode: filling the llama_batch (one token per generating
/// slot, then whole prompts FCFS, as the engine's StepExecutor does) and the greedy fast path's argmax
/// over one row of logits (32,000 entries, the small benchmark model's vocabulary).
/// </summary>
[MemoryDiagnoser]
public class StepBatchBenchmark
{
    private const int Budget = 512;
    private LlamaBatch _batch = null!;
    private int[] _prompt = [];
    private float[] _logits = [];

    [Params(1, 8, 16)]
    public int Slots { get; set; } = 8;

    [GlobalSetup]
    public void Setup()
    {
        _batch = new LlamaBatch(Budget);
        _prompt = Enumerable.Range(0, 106).Select(i => (i * 7919) % 32000).ToArray();
        var random = new Random(42);
        _logits = Enumerable.Range(0, 32000).Select(_ => (float)random.NextDouble() * 20f).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => _batch.Dispose();

    /// <summary>A decode-only step: one token per generating slot.</summary>
    [Benchmark]
    public int DecodeStep()
    {
        _batch.Clear();
        for (var s = 0; s < Slots; s++)
        {
            _batch.Add(1000 + s, 200 + s, s, wantLogits: true);
        }

        return _batch.Count;
    }

    /// <summary>A mixed step: the generating slots plus one whole 106-token prompt.</summary>
    [Benchmark]
    public int DecodePlusPromptStep()
    {
        _batch.Clear();
        for (var s = 1; s < Slots; s++)
        {
            _batch.Add(1000 + s, 200 + s, s, wantLogits: true);
        }

        for (var i = 0; i < _prompt.Length; i++)
        {
            _batch.Add(_prompt[i], i, 0, wantLogits: i == _prompt.Length - 1);
        }

        return _batch.Count;
    }

    /// <summary>Greedy sampling of every slot of a step (the engine's argmax, no llama_sampler call).</summary>
    [Benchmark]
    public int GreedyArgMaxPerStep()
    {
        var sum = 0;
        for (var s = 0; s < Slots; s++)
        {
            sum += Inference.Engine.Sampling.ArgMax(_logits);
        }

        return sum;
    }
}
