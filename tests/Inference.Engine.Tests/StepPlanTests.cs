using Inference.Native;
using Inference.Testing;

namespace Inference.Engine.Tests;

/// <summary>How a burst of new prompts is laid out over steps while another request is generating.</summary>
public sealed class StepPlanTests : IDisposable
{
    private readonly LlamaModel _model = LlamaModel.LoadFromFile(TestModels.Tiny, new LlamaModelOptions { GpuLayers = 0 });

    public void Dispose() => _model.Dispose();

    [Fact]
    public async Task A_burst_is_prefilled_one_prompt_per_step_while_generating_slots_wait_once_and_outputs_are_unchanged()
    {
        var (steps, outputs, alone) = await RunBurstAsync(decodeStallTokens: 1024);

        // Prompts one per step; the slot already generating sits out until the last prompt's step, and the burst's
        // own sequences wait for that step to pass, then all four decode together.
        Assert.Equal([0, 0, 1, 4], steps.Take(4).Select(s => s.Decode));
        Assert.Equal(BurstPrompts.Select(p => Tokenize(p).Length).Append(0), steps.Take(4).Select(s => s.Prefill));
        Assert.Equal(alone, outputs);
    }

    [Fact]
    public async Task With_no_stall_allowed_every_step_carries_a_token_for_each_generating_slot()
    {
        var (steps, outputs, alone) = await RunBurstAsync(decodeStallTokens: 0);

        Assert.Equal([1, 2, 3, 4], steps.Take(4).Select(s => s.Decode));
        Assert.Equal(alone, outputs);
    }

    private static readonly string[] BurstPrompts = ["The quick brown fox", "Once upon a time there was", "SELECT * FROM users WHERE"];

    private int[] Tokenize(string text) => _model.Vocab.Tokenize(text, addSpecial: true, parseSpecial: false);

    private GenerationRequest Greedy(string prompt, int maxTokens) =>
        new() { PromptTokens = Tokenize(prompt), MaxTokens = maxTokens, Sampling = SamplingOptions.Greedy, IgnoreEndOfGeneration = true };

    /// <summary>
    /// Starts one request, then, with the owner thread held still, submits three more so that all three arrive
    /// in the same step; returns the steps from the burst on, every output, and every output when run alone.
    /// </summary>
    private async Task<(List<(int Decode, int Prefill)> Steps, List<IReadOnlyList<int>> Outputs, List<IReadOnlyList<int>> Alone)> RunBurstAsync(int decodeStallTokens)
    {
        var requests = new[] { Greedy("Hello, world! This is a test", 40) }.Concat(BurstPrompts.Select(p => Greedy(p, 8))).ToArray();
        var observer = new StepRecorder();
        using var engine = new InferenceEngine(_model, new EngineOptions
        {
            Parallel = 4,
            ContextSize = 1024,
            StepTokenBudget = 256,
            PrefillTokensPerStep = 1,
            DecodeStallTokens = decodeStallTokens,
            Threads = TestModels.Threads,
        }, observer);

        var alone = new List<IReadOnlyList<int>>();
        foreach (var request in requests)
        {
            alone.Add((await engine.Submit(request).CollectAsync()).Tokens);
        }

        var first = engine.Submit(requests[0]);
        var firstEvent = await first.ReadAsync();
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var hold = engine.InspectAsync(_ =>
        {
            entered.Set();
            release.Wait();
            observer.Steps.Clear(); // on the owner thread, before the burst's first step
            return 0;
        });
        entered.Wait();
        var burst = requests[1..].Select(r => engine.Submit(r).CollectAsync()).ToArray();
        release.Set();
        await hold;

        int[] firstTokens = [firstEvent.TokenId, .. (await first.CollectAsync()).Tokens];
        var outputs = new List<IReadOnlyList<int>> { firstTokens };
        foreach (var output in await Task.WhenAll(burst))
        {
            outputs.Add(output.Tokens);
        }

        return (observer.Steps, outputs, alone);
    }

    /// <summary>Written on the owner thread only; read by the test after every stream has completed.</summary>
    private sealed class StepRecorder : EngineObserver
    {
        public List<(int Decode, int Prefill)> Steps { get; } = [];

        public override void OnStep(int batchTokens, int decodeTokens, int prefillTokens, int busySlots, TimeSpan duration) =>
            Steps.Add((decodeTokens, prefillTokens));
    }
}
