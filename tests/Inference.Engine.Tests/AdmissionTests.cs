using Inference.Testing;

namespace Inference.Engine.Tests;

[Collection(EngineCollection.Name)]
public class AdmissionTests(EngineFixture fixture)
{
    /// <summary>
    /// One slot, no queue: while a request is anywhere between Submit and its end (queued, being admitted,
    /// decoding), every other Submit must be refused. Probing in a tight loop while the owner thread admits the
    /// first request catches a moment where it was counted neither queued nor busy.
    /// </summary>
    [Fact]
    public async Task With_one_slot_and_no_queue_a_second_request_is_refused_at_every_moment_of_the_first()
    {
        using var engine = new InferenceEngine(
            fixture.Model, new EngineOptions { Parallel = 1, ContextSize = 512, StepTokenBudget = 64, MaxQueue = 0, Threads = TestModels.Threads, ThreadpoolPolling = 0 });
        var accepted = 0;
        for (var round = 0; round < 200; round++)
        {
            using var cancelFirst = new CancellationTokenSource();
            var first = engine.Submit(fixture.Greedy("hold the only slot", 400), cancelFirst.Token);
            for (var probe = 0; probe < 2000 && !first.TryPeek(out _); probe++)
            {
                using var cancelSecond = new CancellationTokenSource();
                try
                {
                    var second = engine.Submit(fixture.Greedy("me too", 1), cancelSecond.Token);
                    accepted++;
                    await cancelSecond.CancelAsync();
                    await second.CollectAsync(CancellationToken.None);
                }
                catch (EngineQueueFullException)
                {
                }
            }

            await cancelFirst.CancelAsync();
            await first.CollectAsync(CancellationToken.None);
        }

        Assert.Equal(0, accepted);
    }
}
