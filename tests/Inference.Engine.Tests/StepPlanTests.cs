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
        // One request generating (three tokens out), then three prompts arrive at once.
        var (steps, outputs, alone) = await RunWavesAsync(prefillTokensPerStep: 1, decodeStallTokens: 1024,
            (AfterStep: 0, [Greedy(LongPrompt, 40)]), (AfterStep: 3, [.. BurstPrompts.Select(p => Greedy(p, 8))]));

        // Prompts one per step; the slot already generating sits out until the last prompt's step, and the burst's
        // own sequences wait for that step to pass, then all four decode together.
        Assert.Equal([0, 0, 1, 4], steps.Skip(3).Take(4).Select(s => s.Decode));
        Assert.Equal(BurstPrompts.Select(p => Tokenize(p).Length).Append(0), steps.Skip(3).Take(4).Select(s => s.Prefill));
        Assert.Equal(alone, outputs);
    }

    [Fact]
    public async Task With_no_stall_allowed_every_step_carries_a_token_for_each_generating_slot()
    {
        var (steps, outputs, alone) = await RunWavesAsync(prefillTokensPerStep: 1, decodeStallTokens: 0,
            (AfterStep: 0, [Greedy(LongPrompt, 40)]), (AfterStep: 3, [.. BurstPrompts.Select(p => Greedy(p, 8))]));

        Assert.Equal([1, 2, 3, 4], steps.Skip(3).Take(4).Select(s => s.Decode));
        Assert.Equal(alone, outputs);
    }

    [Fact]
    public async Task A_request_prefilled_just_before_a_burst_decodes_in_step_with_the_burst_and_all_finish_together()
    {
        // The first request of a wave gets the idle engine to itself; the rest of its wave arrives during that step.
        var (steps, outputs, alone) = await RunWavesAsync(prefillTokensPerStep: 1, decodeStallTokens: 1024,
            (AfterStep: 0, [Greedy(LongPrompt, 8)]), (AfterStep: 1, [.. BurstPrompts.Select(p => Greedy(p, 8))]));

        // Its first decode waits for the burst's last prompt; then 7 steps of 4 tokens, and nobody finishes early.
        Assert.Equal([0, 0, 0, 0, 4, 4, 4, 4, 4, 4, 4], steps.Select(s => s.Decode));
        Assert.Equal(alone, outputs);
    }

    [Fact]
    public async Task A_prompt_arriving_one_step_late_is_waited_for_once_and_never_twice()
    {
        // Two prompts together, a straggler a step later, then another: the first two wait for the straggler's step,
        // the straggler waits for the next one, and nobody waits a second time.
        var (steps, outputs, alone) = await RunWavesAsync(prefillTokensPerStep: 512, decodeStallTokens: 1024,
            (AfterStep: 0, [Greedy(BurstPrompts[0], 6), Greedy(BurstPrompts[1], 6)]),
            (AfterStep: 1, [Greedy(BurstPrompts[2], 6)]),
            (AfterStep: 2, [Greedy(LongPrompt, 6)]));

        Assert.Equal([0, 0, 2, 4], steps.Take(4).Select(s => s.Decode));
        Assert.All(steps.Take(3), step => Assert.True(step.Prefill > 0));
        Assert.Equal(alone, outputs);
    }

    [Fact]
    public async Task The_last_prompts_of_a_burst_within_the_tail_are_prefilled_together_in_one_step()
    {
        // Four prompts at once, one prompt per step, the last two within the tail: 1-1-2 instead of 1-1-1-1.
        var tail = Tokenize(BurstPrompts[1]).Length + Tokenize(BurstPrompts[2]).Length;
        var (steps, outputs, alone) = await RunWavesAsync(prefillTokensPerStep: 1, decodeStallTokens: 1024,
            [(AfterStep: 0, [Greedy(LongPrompt, 6), .. BurstPrompts.Select(p => Greedy(p, 6))])], prefillTailTokens: tail);

        Assert.Equal([Tokenize(LongPrompt).Length, Tokenize(BurstPrompts[0]).Length, tail, 0], steps.Take(4).Select(s => s.Prefill));
        Assert.Equal([0, 0, 0, 4], steps.Take(4).Select(s => s.Decode));
        Assert.Equal(alone, outputs);
    }

    private const string LongPrompt = "Hello, world! This is a test";

    private static readonly string[] BurstPrompts = ["The quick brown fox", "Once upon a time there was", "SELECT * FROM users WHERE"];

    private int[] Tokenize(string text) => _model.Vocab.Tokenize(text, addSpecial: true, parseSpecial: false);

    private GenerationRequest Greedy(string prompt, int maxTokens) =>
        new() { PromptTokens = Tokenize(prompt), MaxTokens = maxTokens, Sampling = SamplingOptions.Greedy, IgnoreEndOfGeneration = true };

    /// <summary>
    /// Runs every request alone first; then submits the waves: the first all at once (the owner thread held still so
    /// they arrive in the same step), each later one while the owner thread is held at the end of the given step.
    /// Returns the steps from the first wave on, every output in submission order, and every output when run alone.
    /// </summary>
    private async Task<(List<(int Decode, int Prefill)> Steps, List<IReadOnlyList<int>> Outputs, List<IReadOnlyList<int>> Alone)> RunWavesAsync(
        int prefillTokensPerStep, int decodeStallTokens, params (int AfterStep, GenerationRequest[] Requests)[] waves) =>
        await RunWavesAsync(prefillTokensPerStep, decodeStallTokens, waves, prefillTailTokens: 0);

    private async Task<(List<(int Decode, int Prefill)> Steps, List<IReadOnlyList<int>> Outputs, List<IReadOnlyList<int>> Alone)> RunWavesAsync(
        int prefillTokensPerStep, int decodeStallTokens, (int AfterStep, GenerationRequest[] Requests)[] waves, int prefillTailTokens)
    {
        var observer = new StepRecorder();
        using var engine = new InferenceEngine(_model, new EngineOptions
        {
            Parallel = 4,
            ContextSize = 1024,
            StepTokenBudget = 256,
            PrefillTokensPerStep = prefillTokensPerStep,
            DecodeStallTokens = decodeStallTokens,
            PrefillTailTokens = prefillTailTokens,
            Threads = TestModels.Threads,
            CachePrompts = false, // the runs alone come first: with the cache, the waves would prefill one token each
        }, observer);

        var alone = new List<IReadOnlyList<int>>();
        foreach (var request in waves.SelectMany(w => w.Requests))
        {
            alone.Add((await engine.Submit(request).CollectAsync()).Tokens);
        }

        var gates = waves.Skip(1).Select(w => observer.GateAfter(w.AfterStep)).ToArray();
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var hold = engine.InspectAsync(_ =>
        {
            entered.Set();
            release.Wait();
            observer.Steps.Clear(); // on the owner thread, before the first wave's first step
            return 0;
        });
        entered.Wait();
        var streams = waves[0].Requests.Select(r => engine.Submit(r).CollectAsync()).ToList();
        release.Set();
        await hold;
        for (var i = 0; i < gates.Length; i++)
        {
            await Task.Run(gates[i].Reached.Wait);
            streams.AddRange(waves[i + 1].Requests.Select(r => engine.Submit(r).CollectAsync()));
            gates[i].Release.Set();
        }

        var outputs = (await Task.WhenAll(streams)).Select(o => o.Tokens).ToList();
        foreach (var gate in gates)
        {
            gate.Dispose();
        }

        return (observer.Steps, outputs, alone);
    }

    private sealed class StepGate : IDisposable
    {
        public ManualResetEventSlim Reached { get; } = new();

        public ManualResetEventSlim Release { get; } = new();

        public void Dispose()
        {
            Reached.Dispose();
            Release.Dispose();
        }
    }

    /// <summary>Written on the owner thread only; read by the test after every stream has completed.</summary>
    private sealed class StepRecorder : EngineObserver
    {
        private readonly Dictionary<int, StepGate> _gates = [];

        public List<(int Decode, int Prefill)> Steps { get; } = [];

        /// <summary>Holds the owner thread at the end of the given step (counted from the first wave) until released.</summary>
        public StepGate GateAfter(int step)
        {
            var gate = new StepGate();
            _gates.Add(step, gate);
            return gate;
        }

        public override void OnStep(int batchTokens, int decodeTokens, int prefillTokens, int busySlots, TimeSpan duration)
        {
            Steps.Add((decodeTokens, prefillTokens));
            if (_gates.TryGetValue(Steps.Count, out var gate))
            {
                gate.Reached.Set();
                gate.Release.Wait();
            }
        }
    }
}
