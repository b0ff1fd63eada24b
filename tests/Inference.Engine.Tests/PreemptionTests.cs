using Inference.Testing;

namespace Inference.Engine.Tests;

/// <summary>A KV cache too small for every request at once: the youngest are preempted and recomputed, never cut short.</summary>
[Collection(EngineCollection.Name)]
public class PreemptionTests(EngineFixture fixture)
{
    private static readonly string[] Prompts = ["The quick brown fox", "Once upon a time there was", "SELECT * FROM users WHERE", "Hello, world! This is a test"];

    [Fact]
    public async Task When_the_cache_is_full_requests_are_preempted_and_each_greedy_output_equals_its_output_alone()
    {
        const int maxTokens = 90;
        // 4 × (prompt + 90) tokens do not fit 256 cells; any one of them does.
        using var engine = new InferenceEngine(fixture.Model, new EngineOptions
        {
            Parallel = 4, ContextSize = 256, StepTokenBudget = 64, Threads = TestModels.Threads, ThreadpoolPolling = 0,
        });
        var requests = Prompts.Select(p => fixture.Greedy(p, maxTokens) with { IgnoreEndOfGeneration = true }).ToList();
        Assert.All(requests, r => Assert.True(r.PromptTokens.Count + maxTokens < engine.SequenceContextSize));
        Assert.True(requests.Sum(r => r.PromptTokens.Count + maxTokens) > engine.Options.ContextSize);
        var alone = new List<GenerationOutput>();
        foreach (var request in requests)
        {
            alone.Add(await engine.Submit(request).CollectAsync());
        }

        Assert.Equal(0, engine.Statistics.Preemptions);

        var together = await Task.WhenAll(await SubmitTogetherAsync(engine, requests, CancellationToken.None));

        Assert.True(engine.Statistics.Preemptions > 0, "the cache was never full: the test did not test preemption");
        for (var i = 0; i < requests.Count; i++)
        {
            Assert.Equal(FinishReason.Length, together[i].Result.FinishReason);
            Assert.Equal(maxTokens, together[i].Result.CompletionTokens);
            Assert.Equal(alone[i].Tokens, together[i].Tokens);
            Assert.Equal(alone[i].Text, together[i].Text);
        }

        await engine.WhenIdleAsync();
        Assert.Equal(0, engine.Statistics.RequestsWaiting);
        Assert.Equal(0, engine.Statistics.SlotsBusy);
    }

    [Fact]
    public async Task A_request_cancelled_while_preempted_ends_cancelled_and_the_others_are_unaffected()
    {
        var observer = new PreemptionHook();
        using var engine = new InferenceEngine(fixture.Model, new EngineOptions
        {
            Parallel = 4, ContextSize = 256, StepTokenBudget = 64, Threads = TestModels.Threads, ThreadpoolPolling = 0,
        }, observer);
        var requests = Prompts.Select(p => fixture.Greedy(p, 90) with { IgnoreEndOfGeneration = true }).ToList();
        var alone = new List<GenerationOutput>();
        foreach (var request in requests.Take(3))
        {
            alone.Add(await engine.Submit(request).CollectAsync());
        }

        using var cancelYoungest = new CancellationTokenSource();
        // On the owner thread, at the first preemption: its victim is the youngest, the last one submitted.
        observer.OnFirstPreemption = cancelYoungest.Cancel;
        var streams = await SubmitTogetherAsync(engine, requests, cancelYoungest.Token);
        var others = streams.Take(3).ToList();
        var youngest = await streams[3];

        Assert.Equal(FinishReason.Cancelled, youngest.Result.FinishReason);
        Assert.True(youngest.Result.CompletionTokens > 0);
        Assert.Equal(youngest.Result.CompletionTokens, youngest.Tokens.Count);
        var outputs = await Task.WhenAll(others);
        for (var i = 0; i < outputs.Length; i++)
        {
            Assert.Equal(alone[i].Tokens, outputs[i].Tokens);
        }

        await engine.WhenIdleAsync();
        Assert.Equal(0, engine.Statistics.RequestsWaiting);
        Assert.Equal(0, engine.Statistics.SlotsBusy);
    }

    /// <summary>
    /// Submits the requests while the owner thread is held, so they arrive together and in this order; the last one
    /// with <paramref name="lastRequestCancellation"/>.
    /// </summary>
    private static async Task<List<Task<GenerationOutput>>> SubmitTogetherAsync(
        InferenceEngine engine, List<GenerationRequest> requests, CancellationToken lastRequestCancellation)
    {
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var hold = engine.InspectAsync(_ =>
        {
            entered.Set();
            release.Wait();
            return 0;
        });
        entered.Wait(CancellationToken.None);
        var streams = requests.Select((r, i) => engine.Submit(r, i == requests.Count - 1 ? lastRequestCancellation : CancellationToken.None).CollectAsync()).ToList();
        release.Set();
        await hold;
        return streams;
    }

    private sealed class PreemptionHook : EngineObserver
    {
        private bool _done;

        public Action? OnFirstPreemption { get; set; }

        public override void OnPreempted()
        {
            if (!_done)
            {
                _done = true;
                OnFirstPreemption?.Invoke();
            }
        }
    }
}
