namespace Inference.Engine.Tests;

[Collection(EngineCollection.Name)]
public class CancellationTests(EngineFixture fixture)
{
    [Fact]
    public async Task Cancelling_mid_generation_frees_the_slot_keeps_only_its_decoded_cells_and_others_are_unaffected()
    {
        var others = new[] { "alpha beta gamma", "one two three four", "lorem ipsum dolor" };
        var expected = new List<GenerationOutput>();
        foreach (var p in others)
        {
            expected.Add(await fixture.RunAsync(fixture.Greedy(p, 48)));
        }

        using var cancel = new CancellationTokenSource();
        var victim = fixture.Engine.Submit(fixture.Greedy("this request will be cancelled", 1000), cancel.Token);
        var running = others.Select(p => fixture.RunAsync(fixture.Greedy(p, 48))).ToList();

        for (var i = 0; i < 3; i++)
        {
            await victim.ReadAsync(); // it is generating
        }

        cancel.Cancel();
        GenerationResult? result = null;
        await foreach (var e in victim.ReadAllAsync())
        {
            result = e.Result ?? result;
        }

        Assert.Equal(FinishReason.Cancelled, result!.FinishReason);
        Assert.InRange(result.Slot, 0, fixture.Engine.Options.Parallel - 1);
        // The slot keeps what it decoded as a prompt cache: its prompt and output but the last sampled token, no more.
        var cells = await fixture.Engine.InspectAsync(ctx => ctx.Memory.MaxPosition(result.Slot) + 1);
        Assert.InRange(cells, 1, result.PromptTokens + result.CompletionTokens - 1);

        var outputs = await Task.WhenAll(running);
        for (var i = 0; i < others.Length; i++)
        {
            Assert.Equal(expected[i].Tokens, outputs[i].Tokens);
        }

        await fixture.AssertOnlyPromptCachesHeldAsync();
    }

    [Fact]
    public async Task A_request_cancelled_while_waiting_for_a_slot_never_runs()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        var output = await fixture.RunAsync(fixture.Greedy("never", 10), cancel.Token);

        Assert.Equal(FinishReason.Cancelled, output.Result.FinishReason);
        Assert.Empty(output.Tokens);
    }
}
