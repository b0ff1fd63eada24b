using System.Diagnostics;
using Inference.Engine;
using Inference.Native;

namespace Inference.EngineBenchmark;

/// <summary>The same workload through our engine: all requests submitted at once, streamed out, greedy.</summary>
internal static class EngineRun
{
    /// <summary>Each sequence's first tokens are kept, to check that another loop's greedy outputs match ours.</summary>
    public const int FirstTokenCount = 8;

    public static async Task<Measurement> RunAsync(LlamaModel model, int parallel, int promptTokens, int outputTokens, int contextSize, int threads, int? poll)
    {
        var observer = new DecodeTimeObserver();
        using var engine = new InferenceEngine(model, new EngineOptions
        {
            Parallel = parallel,
            ContextSize = contextSize,
            // One step may carry every prompt, as the raw loop's first batch does: the same batch shapes, so the ratio is the loop's cost.
            StepTokenBudget = Math.Max(512, parallel * promptTokens),
            PrefillTokensPerStep = Math.Max(512, parallel * promptTokens),
            Threads = threads,
            ThreadpoolPolling = poll,
        }, observer);
        var prompts = Workload.Prompts(model.Vocab, parallel, promptTokens);

        var start = Stopwatch.GetTimestamp();
        var runs = prompts.Select(p => engine.Submit(new GenerationRequest
        {
            PromptTokens = p,
            MaxTokens = outputTokens,
            IgnoreEndOfGeneration = true,
            Sampling = SamplingOptions.Greedy,
        }).CollectAsync()).ToArray();
        var outputs = await Task.WhenAll(runs);
        var end = Stopwatch.GetTimestamp();

        var generated = outputs.Sum(o => o.Result.CompletionTokens);
        var firstToken = outputs.Min(o => o.Result.Timings.TimeToFirstToken);
        var firstTokens = outputs.Select(o => o.Tokens.Take(FirstTokenCount).ToArray()).ToArray();
        return new Measurement(parallel, generated, Stopwatch.GetElapsedTime(start, end), firstToken, observer.Decoding, observer.Steps, firstTokens);
    }

    /// <summary>Sums llama_decode wall time; called on the owner thread only.</summary>
    private sealed class DecodeTimeObserver : EngineObserver
    {
        public TimeSpan Decoding { get; private set; }

        public int Steps { get; private set; }

        public override void OnStep(int batchTokens, int decodeTokens, int prefillTokens, int busySlots, TimeSpan duration)
        {
            Decoding += duration;
            Steps++;
        }
    }
}
