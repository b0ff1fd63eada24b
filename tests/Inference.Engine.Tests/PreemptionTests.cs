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

        var together = await Task.WhenAll(requests.Select(r => engine.Submit(r).CollectAsync()));

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
}
