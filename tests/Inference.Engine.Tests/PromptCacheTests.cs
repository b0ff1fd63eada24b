using Inference.Testing;

namespace Inference.Engine.Tests;

/// <summary>
/// The slots' prompt cache (<see cref="EngineOptions.CachePrompts"/>, on in the shared engine): what a finished request
/// leaves in its slot is reused by the next prompt that starts the same way, and greedy output does not change for it.
/// </summary>
[Collection(EngineCollection.Name)]
public class PromptCacheTests(EngineFixture fixture)
{
    private InferenceEngine Uncached(int contextSize = 1024) => new(fixture.Model, new EngineOptions
    {
        Parallel = 2, ContextSize = contextSize, StepTokenBudget = 256, Threads = TestModels.Threads, CachePrompts = false,
    });

    private static Task<GenerationOutput> RunAsync(InferenceEngine engine, GenerationRequest request) =>
        engine.Submit(request).CollectAsync(CancellationToken.None);

    private static GenerationRequest Greedy(int[] prompt, int maxTokens) =>
        new() { PromptTokens = prompt, MaxTokens = maxTokens, Sampling = SamplingOptions.Greedy, IgnoreEndOfGeneration = true };

    [Fact]
    public async Task A_repeated_prompt_reuses_all_but_its_last_token_and_gives_the_same_output()
    {
        var prompt = fixture.Tokenize("the prompt cache keeps this whole sentence for the second run");
        var first = await fixture.RunAsync(Greedy(prompt, 16));
        var second = await fixture.RunAsync(Greedy(prompt, 16));

        Assert.Equal(prompt.Length - 1, second.Result.CachedPromptTokens);
        Assert.Equal(first.Tokens, second.Tokens);
        await fixture.AssertOnlyPromptCachesHeldAsync();
    }

    [Fact]
    public async Task A_follow_up_turn_reuses_the_previous_prompt_and_output_and_answers_as_without_the_cache()
    {
        var turn1 = fixture.Tokenize("user: name three rivers of europe\nassistant:");
        var answer = await fixture.RunAsync(Greedy(turn1, 12));
        int[] turn2 = [.. turn1, .. answer.Tokens, .. fixture.Model.Vocab.Tokenize("\nuser: and two more\nassistant:", addSpecial: false, parseSpecial: false)];

        var cached = await fixture.RunAsync(Greedy(turn2, 12));
        using var uncachedEngine = Uncached();
        var uncached = await RunAsync(uncachedEngine, Greedy(turn2, 12));

        // The KV cache held the first turn's prompt and every output token but the last, which was sampled, never decoded.
        Assert.Equal(turn1.Length + answer.Tokens.Count - 1, cached.Result.CachedPromptTokens);
        Assert.Equal(0, uncached.Result.CachedPromptTokens);
        Assert.Equal(uncached.Tokens, cached.Tokens);
    }

    [Fact]
    public async Task A_new_prompt_takes_the_slot_sharing_the_longest_prefix()
    {
        var shared = "an agent sends this same long system prompt with its tools every single turn, then";
        // Together, so they hold two slots; the unrelated one runs longer and its slot is the one freed last.
        var first = fixture.RunAsync(Greedy(fixture.Tokenize(shared + " lists the pods"), 4));
        var unrelated = fixture.RunAsync(Greedy(fixture.Tokenize("something unrelated entirely"), 16));
        var a = await first;
        var other = await unrelated;
        var b = await fixture.RunAsync(Greedy(fixture.Tokenize(shared + " reads the logs"), 4));

        Assert.NotEqual(a.Result.Slot, other.Result.Slot);
        Assert.Equal(a.Result.Slot, b.Result.Slot);
        Assert.True(b.Result.CachedPromptTokens >= fixture.Tokenize(shared).Length - 1, $"cached {b.Result.CachedPromptTokens}");
    }

    [Fact]
    public async Task A_prompt_sharing_a_long_prefix_with_a_running_request_takes_its_cells_and_answers_as_without_them()
    {
        // An agent pattern: one long system prompt, different user turns, sent at once.
        var prefix = fixture.Tokenize(string.Join(' ', Enumerable.Range(0, 24).Select(i => $"rule {i}: read only unless approved;")));
        int[] first = [.. prefix, .. fixture.Model.Vocab.Tokenize(" list the pods", addSpecial: false, parseSpecial: false)];
        int[] second = [.. prefix, .. fixture.Model.Vocab.Tokenize(" read the logs of the api server", addSpecial: false, parseSpecial: false)];
        var options = new EngineOptions { Parallel = 4, ContextSize = 1024, StepTokenBudget = 64, Threads = TestModels.Threads };
        using var engine = new InferenceEngine(fixture.Model, options);
        using var uncached = new InferenceEngine(fixture.Model, options with { CachePrompts = false });

        // The first prompt is prefilled 64 tokens a step; the second waits behind it and then borrows what it holds.
        var a = RunAsync(engine, Greedy(first, 12));
        var b = RunAsync(engine, Greedy(second, 12));
        var (sharedA, sharedB) = (await a, await b);
        var aloneA = await RunAsync(uncached, Greedy(first, 12));
        var aloneB = await RunAsync(uncached, Greedy(second, 12));

        Assert.True(prefix.Length > 64, $"prefix of {prefix.Length} tokens");
        Assert.Equal(0, sharedA.Result.CachedPromptTokens);
        Assert.InRange(sharedB.Result.CachedPromptTokens, 64, prefix.Length);
        Assert.NotEqual(sharedA.Result.Slot, sharedB.Result.Slot);
        Assert.Equal(aloneA.Tokens, sharedA.Tokens);
        Assert.Equal(aloneB.Tokens, sharedB.Tokens);

        // Both slots keep their cells for reuse; the borrowed ones are held once.
        var heldPerSlot = await engine.InspectAsync(ctx => Enumerable.Range(0, ctx.SequenceCount).Sum(s => ctx.Memory.MaxPosition(s) + 1));
        Assert.Equal(first.Length + 11 + second.Length + 11, heldPerSlot);
        Assert.Equal(heldPerSlot - sharedB.Result.CachedPromptTokens, engine.Statistics.KvCellsUsed);
        Assert.Equal(sharedB.Result.CachedPromptTokens, engine.Statistics.KvCellsShared);
        Assert.Equal(engine.Statistics.KvCellsUsed, engine.Statistics.KvCellsCached);
    }

    [Fact]
    public async Task Idle_slots_give_their_cells_back_before_a_running_request_is_cut_short()
    {
        using var engine = new InferenceEngine(fixture.Model, new EngineOptions
        {
            Parallel = 4, ContextSize = 256, StepTokenBudget = 64, Threads = TestModels.Threads,
        });
        foreach (var text in new[] { "first filler prompt", "second filler prompt here", "third one" })
        {
            await RunAsync(engine, Greedy(fixture.Tokenize(text), 60));
        }

        var cachedBefore = engine.Statistics.KvCellsCached;
        var prompt = fixture.Tokenize("a long answer needs most of the cache");
        var longRun = await RunAsync(engine, Greedy(prompt, 200));

        Assert.True(cachedBefore > 256 - prompt.Length - 200, $"the caches held {cachedBefore} cells, too few to be in the way");
        Assert.Equal(200, longRun.Tokens.Count);
        Assert.Equal(FinishReason.Length, longRun.Result.FinishReason);
        Assert.Equal(prompt.Length + 199, engine.Statistics.KvCellsCached);
    }

    [Fact]
    public async Task With_the_cache_off_nothing_is_reused_and_finished_requests_hold_no_cells()
    {
        using var engine = Uncached();
        var prompt = fixture.Tokenize("no cache for this prompt");
        await RunAsync(engine, Greedy(prompt, 8));
        var again = await RunAsync(engine, Greedy(prompt, 8));

        Assert.Equal(0, again.Result.CachedPromptTokens);
        var held = await engine.InspectAsync(ctx => Enumerable.Range(0, ctx.SequenceCount).Sum(s => ctx.Memory.MaxPosition(s) + 1));
        Assert.Equal(0, held);
        Assert.Equal(0, engine.Statistics.KvCellsUsed);
    }
}
