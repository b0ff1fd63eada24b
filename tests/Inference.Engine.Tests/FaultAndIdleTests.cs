using Inference.Testing;

namespace Inference.Engine.Tests;

/// <summary>The engine's fault signal (an owner loop that dies) and its idle signal.</summary>
[Collection(EngineCollection.Name)]
public class FaultAndIdleTests(EngineFixture fixture)
{
    [Fact]
    public async Task A_fault_in_the_owner_loop_fails_requests_in_flight_refuses_new_ones_and_is_exposed()
    {
        var hook = new StepHook();
        using var engine = NewEngine(hook);
        // After the first step the request is running; the fault is thrown at the top of the next loop iteration.
        hook.AfterFirstStep = engine.InjectFaultForTest;

        var failed = await engine.Submit(fixture.Greedy("keep generating for a while", 100_000)).CollectAsync(CancellationToken.None);

        Assert.Equal(FinishReason.Error, failed.Result.FinishReason);
        Assert.Contains("injected", failed.Result.Error, StringComparison.Ordinal);
        var fault = await Assert.ThrowsAsync<InvalidOperationException>(() => engine.Completion);
        Assert.Same(fault, engine.Fault);
        var refused = Assert.Throws<EngineStoppedException>(() => engine.Submit(fixture.Greedy("too late", 4)));
        Assert.Same(fault, refused.InnerException);
        await engine.WhenIdleAsync(CancellationToken.None); // nothing runs any more
    }

    [Fact]
    public async Task A_normal_stop_completes_without_a_fault()
    {
        var engine = NewEngine(new StepHook());
        engine.Dispose();

        await engine.Completion;
        Assert.Null(engine.Fault);
    }

    [Fact]
    public async Task WhenIdle_waits_for_a_running_request_and_completes_at_once_when_idle()
    {
        var hook = new StepHook();
        using var engine = NewEngine(hook);
        await engine.WhenIdleAsync(CancellationToken.None);

        using var cancel = new CancellationTokenSource();
        Task? idle = null;
        // Checked on the owner thread after the first step, while the request certainly runs; then it is cancelled.
        hook.AfterFirstStep = () =>
        {
            idle = engine.WhenIdleAsync(CancellationToken.None);
            cancel.Cancel();
        };
        var output = await engine.Submit(fixture.Greedy("keep generating for a while", 100_000), cancel.Token).CollectAsync(CancellationToken.None);

        Assert.Equal(FinishReason.Cancelled, output.Result.FinishReason);
        Assert.NotNull(idle);
        await idle;
        Assert.Equal(0, engine.Statistics.SlotsBusy);
        Assert.Equal(0, engine.Statistics.RequestsWaiting);
    }

    [Fact]
    public async Task WhenIdle_honours_its_cancellation_token()
    {
        var hook = new StepHook();
        using var engine = NewEngine(hook);
        using var release = new ManualResetEventSlim();
        hook.AfterFirstStep = release.Wait; // holds the owner thread, and the request running, until released
        var running = engine.Submit(fixture.Greedy("keep generating for a while", 100_000)).CollectAsync(CancellationToken.None);
        using var stopWaiting = new CancellationTokenSource();
        var idle = engine.WhenIdleAsync(stopWaiting.Token);

        await stopWaiting.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => idle);
        release.Set();
        engine.Dispose();
        await running;
    }

    private InferenceEngine NewEngine(StepHook hook) => new(
        fixture.Model, new EngineOptions { Parallel = 2, ContextSize = 512, StepTokenBudget = 64, Threads = TestModels.Threads, ThreadpoolPolling = 0 }, hook);

    /// <summary>Runs an action on the owner thread at the end of the engine's first step.</summary>
    private sealed class StepHook : EngineObserver
    {
        private bool _done;

        public Action? AfterFirstStep { get; set; }

        public override void OnStep(int batchTokens, int decodeTokens, int prefillTokens, int busySlots, TimeSpan duration)
        {
            if (!_done)
            {
                _done = true;
                AfterFirstStep?.Invoke();
            }
        }
    }
}
