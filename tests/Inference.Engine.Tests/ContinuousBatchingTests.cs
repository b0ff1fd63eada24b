namespace Inference.Engine.Tests;

[Collection(EngineCollection.Name)]
public class ContinuousBatchingTests(EngineFixture fixture)
{
    private static readonly string[] Prompts =
    [
        "Once upon a time",
        "The quick brown fox jumps over the lazy dog, and then",
        "def fibonacci(n):\n    if n < 2:\n        return n\n",
        "東京は日本の首都です。",
        "Q: What is the capital of France?\nA:",
        "In the beginning the Universe was created. This has made a lot of people very angry and been widely regarded as a bad move.",
        "🙂 emoji 🚀 and more",
        "SELECT * FROM users WHERE id = 42;",
    ];

    private static readonly int[] Lengths = [24, 5, 40, 17, 32, 9, 28, 12];

    [Fact]
    public async Task Batched_greedy_outputs_equal_the_outputs_of_each_request_alone()
    {
        var alone = new List<GenerationOutput>();
        for (var i = 0; i < Prompts.Length; i++)
        {
            alone.Add(await fixture.RunAsync(fixture.Greedy(Prompts[i], Lengths[i])));
        }

        var batched = await Task.WhenAll(Prompts.Select((p, i) => fixture.RunAsync(fixture.Greedy(p, Lengths[i]))));

        for (var i = 0; i < Prompts.Length; i++)
        {
            Assert.Equal(Lengths[i], alone[i].Tokens.Count);
            Assert.Equal(alone[i].Tokens, batched[i].Tokens);
            Assert.Equal(alone[i].Text, batched[i].Text);
        }

        // Different prompts lead to different continuations: the model is not stuck on one token.
        Assert.True(alone.Select(o => string.Join(',', o.Tokens.Take(5))).Distinct().Count() > 4);
    }

    [Fact]
    public async Task Sixty_four_requests_through_eight_slots_all_complete_with_their_own_outputs()
    {
        var expected = new Dictionary<int, GenerationOutput>();
        for (var i = 0; i < Prompts.Length; i++)
        {
            expected[i] = await fixture.RunAsync(fixture.Greedy(Prompts[i], 16));
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(async i =>
            (Index: i % Prompts.Length, Output: await fixture.RunAsync(fixture.Greedy(Prompts[i % Prompts.Length], 16), deadline.Token))));

        Assert.All(results, r =>
        {
            Assert.Equal(FinishReason.Length, r.Output.Result.FinishReason);
            Assert.Equal(expected[r.Index].Tokens, r.Output.Tokens);
        });
        await fixture.AssertOnlyPromptCachesHeldAsync();
    }

    [Fact]
    public async Task Max_tokens_is_exact_and_usage_counts_match()
    {
        var request = fixture.Greedy(Prompts[0], 7);
        var output = await fixture.RunAsync(request);

        Assert.Equal(7, output.Tokens.Count);
        Assert.Equal(FinishReason.Length, output.Result.FinishReason);
        Assert.Equal(7, output.Result.CompletionTokens);
        Assert.Equal(request.PromptTokens.Count, output.Result.PromptTokens);
    }

    [Fact]
    public async Task Streaming_delivers_the_first_token_before_the_request_finishes()
    {
        var events = fixture.Engine.Submit(fixture.Greedy(Prompts[2], 48));

        var first = await events.ReadAsync();
        Assert.Equal(GenerationEventKind.Token, first.Kind);
        var stillRunning = await fixture.Engine.InspectAsync(_ => fixture.Engine.Statistics.SlotsBusy);
        Assert.True(stillRunning >= 1, "the request should still hold its slot after its first token");

        GenerationEvent last = first;
        await foreach (var e in events.ReadAllAsync())
        {
            last = e;
        }

        Assert.Equal(GenerationEventKind.Completed, last.Kind);
    }

    [Fact]
    public async Task Same_seed_reproduces_sampled_output_and_another_seed_differs()
    {
        GenerationRequest Sampled(uint seed) => fixture.Greedy(Prompts[4], 24) with
        {
            Sampling = new SamplingOptions { Temperature = 1.5f, TopK = 200, TopP = 0.98f, Seed = seed },
        };

        var a = await fixture.RunAsync(Sampled(1234));
        var b = await fixture.RunAsync(Sampled(1234));
        var c = await fixture.RunAsync(Sampled(98765));

        Assert.Equal(a.Tokens, b.Tokens);
        Assert.NotEqual(a.Tokens, c.Tokens);
    }

    [Fact]
    public async Task End_of_generation_token_stops_with_finish_reason_stop()
    {
        var eos = fixture.Model.Vocab.Eos;
        var request = fixture.Greedy(Prompts[1], 30) with
        {
            Sampling = SamplingOptions.Greedy with { LogitBias = new Dictionary<int, float> { [eos] = 1000f } },
        };

        var output = await fixture.RunAsync(request);

        Assert.Equal(FinishReason.Stop, output.Result.FinishReason);
        Assert.Equal("", output.Text);
        Assert.Null(output.Result.StopString);
    }
}
