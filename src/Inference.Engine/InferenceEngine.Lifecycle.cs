namespace Inference.Engine;

/// <summary>The owner thread's waiting, idle signalling and ending (normal or faulted).</summary>
public sealed partial class InferenceEngine
{
    // Written to the incoming channel by InjectFaultForTest.
    private static readonly object FaultInjection = new();

    /// <summary>Completes the idle waiters when nothing is queued (or the loop has ended).</summary>
    private void SignalIdle(bool ended = false)
    {
        lock (_idleLock)
        {
            if (!ended && Volatile.Read(ref _queued) > 0)
            {
                return;
            }

            _idleConfirmed = true;
            _idleWaiters?.TrySetResult();
            _idleWaiters = null;
        }
    }

    /// <summary>Work arrived at an idle owner: idle waiters from now on wait for it.</summary>
    private void MarkBusy()
    {
        lock (_idleLock)
        {
            _idleConfirmed = false;
        }
    }

    /// <summary>Blocks the owner thread until a request arrives; false when the engine is stopping.</summary>
    private bool WaitForWork()
    {
        try
        {
            return _incoming.Reader.WaitToReadAsync(_stopping.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void FailAll(string message)
    {
        DrainIncoming(failing: true);
        foreach (var sequence in _running.ToList())
        {
            Finish(sequence, FinishReason.Error, "", error: message);
        }

        foreach (var sequence in _preempted.ToList())
        {
            FinishPreempted(sequence, FinishReason.Error, "", message);
        }

        while (_waiting.TryDequeue(out var pending))
        {
            Interlocked.Decrement(ref _queued);
            Complete(pending, new GenerationResult(FinishReason.Error, pending.Prompt.Length, 0, Timings(pending, 0, 0), Error: message), "");
        }
    }
}
