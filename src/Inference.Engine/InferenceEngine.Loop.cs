using System.Diagnostics;
using Inference.Native;
using Microsoft.Extensions.Logging;

namespace Inference.Engine;

/// <summary>The owner loop: intake → admit → plan → execute → commit, one step per turn.</summary>
public sealed partial class InferenceEngine
{
    // Owner-thread state: nothing below is touched by any other thread.
    private readonly Queue<PendingRequest> _waiting = new();
    // Preempted sequences, oldest arrival first: they come back before any new request.
    private readonly List<ActiveSequence> _preempted = [];
    private readonly List<ActiveSequence> _running = [];
    private readonly StepPlan _plan = new();
    private long _arrivals;

    private void RunOwnerLoop()
    {
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                if (_running.Count == 0 && _waiting.Count == 0 && _preempted.Count == 0)
                {
                    SignalIdle();
                    if (!WaitForWork())
                    {
                        break;
                    }

                    MarkBusy();
                }

                DrainIncoming();
                DropCancelled();
                Admit();
                if (_running.Count > 0)
                {
                    Step();
                }
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.LogCritical(ex, "The engine loop failed; failing every request in flight");
            Volatile.Write(ref _fault, ex);
            _accepting = false;
            // Completed before the last drain, so no submission can slip into the channel after it.
            _incoming.Writer.TryComplete();
            FailAll($"The inference engine failed: {ex.Message}");
            SignalIdle(ended: true);
            _completion.TrySetException(ex);
            return;
        }

        FailAll("The inference engine is shutting down.");
        SignalIdle(ended: true);
        _completion.TrySetResult();
    }

    private void DrainIncoming(bool failing = false)
    {
        while (_incoming.Reader.TryRead(out var item))
        {
            if (item is PendingRequest pending)
            {
                _waiting.Enqueue(pending);
            }
            else if (item is OwnerProbe probe)
            {
                probe.Run();
            }
            else if (ReferenceEquals(item, FaultInjection) && !failing)
            {
                throw new InvalidOperationException("A fault injected by a test.");
            }
        }
    }

    private void DropCancelled()
    {
        for (var i = _running.Count - 1; i >= 0; i--)
        {
            if (_running[i].Pending.Cancellation.IsCancellationRequested)
            {
                Finish(_running[i], FinishReason.Cancelled, "");
            }
        }

        for (var i = _preempted.Count - 1; i >= 0; i--)
        {
            if (_preempted[i].Pending.Cancellation.IsCancellationRequested)
            {
                FinishPreempted(_preempted[i], FinishReason.Cancelled, "", error: null);
            }
        }

        if (AnyWaitingCancelled())
        {
            var kept = _waiting.Where(p => !p.Cancellation.IsCancellationRequested).ToList();
            foreach (var cancelled in _waiting.Where(p => p.Cancellation.IsCancellationRequested))
            {
                Interlocked.Decrement(ref _queued);
                Complete(cancelled, new GenerationResult(FinishReason.Cancelled, cancelled.Prompt.Length, 0, Timings(cancelled, 0, 0)), "");
            }

            _waiting.Clear();
            foreach (var p in kept)
            {
                _waiting.Enqueue(p);
            }
        }
    }

    // A loop, not LINQ: this runs every step and should not allocate.
    private bool AnyWaitingCancelled()
    {
        foreach (var pending in _waiting)
        {
            if (pending.Cancellation.IsCancellationRequested)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Fills free slots: preempted sequences first, oldest first, each once the cache has room to recompute it (no
    /// new request passes one that waits for room), then new requests in arrival order.
    /// </summary>
    private void Admit()
    {
        while (_kv.HasFreeSlot && _preempted.Count > 0)
        {
            var sequence = _preempted[0];
            // Room for its tokens and one more step of every running sequence, so it is not pushed out again at once.
            if (_kv.FreeCells(_running) < sequence.PrefillTokens.Length + _running.Count + 1)
            {
                return;
            }

            _preempted.RemoveAt(0);
            Interlocked.Increment(ref _slotsBusy);
            Interlocked.Decrement(ref _queued);
            _kv.Admit(sequence);
            sequence.Phase = SequencePhase.Prefilling;
            _running.Add(sequence);
            PublishKvCells();
        }

        while (_kv.HasFreeSlot && _waiting.TryDequeue(out var pending))
        {
            // Busy before no longer queued: Submit's admission check must count this request at every moment.
            Interlocked.Increment(ref _slotsBusy);
            Interlocked.Decrement(ref _queued);
            SequenceSampler sampler;
            try
            {
                sampler = SequenceSampler.Create(pending.Request.Sampling, _vocab);
            }
            catch (LlamaException ex)
            {
                Interlocked.Decrement(ref _slotsBusy);
                Complete(pending, new GenerationResult(FinishReason.Error, pending.Prompt.Length, 0, Timings(pending, 0, 0), Error: ex.Message), "");
                continue;
            }

            var sequence = new ActiveSequence(pending, ++_arrivals, sampler, Stopwatch.GetTimestamp());
            sequence.CachedPromptTokens = _kv.Admit(sequence);
            _running.Add(sequence);
            PublishKvCells();
        }
    }

    /// <summary>
    /// Plans and runs one step. When the cache has no room: idle slots' prompt caches go first, then the prompt chunks
    /// wait while generating sequences go on, then the youngest sequence is preempted.
    /// </summary>
    private void Step()
    {
        var allowPrefill = true;
        while (_running.Count > 0)
        {
            for (var i = 0; i < _running.Count; i++)
            {
                var sequence = _running[i];
                if (_kv.BorrowPrefix(sequence, _running) && sequence.Preemptions == 0)
                {
                    sequence.CachedPromptTokens = sequence.PrefillCursor;
                }
            }

            _planner.Plan(_running, allowPrefill, _plan);
            if (_plan.IsEmpty)
            {
                // Only prompts in flight and no room for any of them.
                if (!DropPromptCaches())
                {
                    PreemptYoungest();
                }

                allowPrefill = true;
                continue;
            }

            var status = _executor.Execute(_plan, out var elapsed);
            if (status == 0)
            {
                Interlocked.Increment(ref _steps);
                Interlocked.Add(ref _promptTokens, _plan.PrefillTokens);
                _planner.Committed(_plan);
                _observer.OnStep(_executor.BatchTokens, _plan.DecodeTokens, _plan.PrefillTokens, _running.Count, elapsed);
                if (Commit())
                {
                    // The streams' writers were just woken. Where llama.cpp's compute threads take every core, the next
                    // decode keeps them off the CPU until it ends and the tokens reach their clients a step late; one
                    // yield lets a writer run on this core first (it returns at once when nothing else is waiting).
                    Thread.Yield();
                }

                return;
            }

            if (status == StepExecutor.NoKvRoom && DropPromptCaches())
            {
                continue;
            }

            if (status == StepExecutor.NoKvRoom && _plan.PrefillTokens > 0)
            {
                allowPrefill = false;
                continue;
            }

            if (status == StepExecutor.NoKvRoom)
            {
                PreemptYoungest();
                continue;
            }

            _logger.LogError("llama_decode returned {Status}; failing the {Count} requests of this batch", status, _plan.DecodeTokens + _plan.Prefills.Count);
            foreach (var sequence in _plan.Decodes)
            {
                Finish((ActiveSequence)sequence, FinishReason.Error, "", error: $"llama_decode failed with status {status}.");
            }

            foreach (var chunk in _plan.Prefills)
            {
                Finish((ActiveSequence)chunk.Sequence, FinishReason.Error, "", error: $"llama_decode failed with status {status}.");
            }

            return;
        }
    }

    private bool DropPromptCaches()
    {
        if (!_kv.DropPromptCaches())
        {
            return false;
        }

        _logger.LogDebug("KV cache full: dropped the prompt caches of idle slots");
        PublishKvCells();
        return true;
    }

    /// <summary>
    /// The cache is full: the youngest sequence gives its cells back and waits at the head of the queue to be
    /// recomputed. A sequence alone in the cache has reached the context limit instead, and ends with length.
    /// </summary>
    private void PreemptYoungest()
    {
        var youngest = (ActiveSequence)StepPlanner.ChoosePreemptionVictim(_running)!;
        if (_running.Count == 1)
        {
            _logger.LogWarning("KV cache full ({Cells} cells) with one request; ending request {Id} with finish_reason length", _context.ContextSize, youngest.Pending.Request.Id);
            Finish(youngest, FinishReason.Length, youngest.Stream.Flush(), keepCells: false);
            return;
        }

        _logger.LogInformation("KV cache full ({Cells} cells); preempting request {Id} after {Generated} tokens", _context.ContextSize, youngest.Pending.Request.Id, youngest.Generated);
        _running.Remove(youngest);
        _kv.Release(youngest.Slot, keep: null);
        youngest.Preempt();
        var at = _preempted.FindIndex(s => s.Arrival > youngest.Arrival);
        _preempted.Insert(at < 0 ? _preempted.Count : at, youngest);
        // Queued before no longer busy, as at admission, so the queue bound counts it at every moment.
        Interlocked.Increment(ref _queued);
        Interlocked.Decrement(ref _slotsBusy);
        Interlocked.Increment(ref _preemptions);
        _observer.OnPreempted();
        PublishKvCells();
    }

    /// <summary>Advances every sequence of the step past it, then samples where logits came out; true when any token was sampled.</summary>
    private bool Commit()
    {
        var plan = _plan;
        foreach (var sequence in plan.Decodes)
        {
            sequence.Position++;
            _kv.Extend(sequence.Slot, sequence.Position);
            sequence.Phase = SequencePhase.Decoding;
        }

        foreach (var sequence in plan.SatOut)
        {
            sequence.Phase = SequencePhase.Decoding; // it waited once; it decodes from the next step on
        }

        foreach (var chunk in plan.Prefills)
        {
            var sequence = chunk.Sequence;
            sequence.PrefillCursor += chunk.Length;
            sequence.Position = sequence.PrefillCursor;
            _kv.Extend(sequence.Slot, sequence.Position);
        }

        var now = Stopwatch.GetTimestamp();
        var sampled = plan.Decodes.Count > 0;
        for (var i = 0; i < plan.Decodes.Count; i++)
        {
            SampleAndEmit((ActiveSequence)plan.Decodes[i], plan.DecodeLogits[i], now);
        }

        for (var i = 0; i < plan.Prefills.Count; i++)
        {
            if (plan.PrefillLogits[i] < 0)
            {
                continue;
            }

            sampled = true;
            var sequence = (ActiveSequence)plan.Prefills[i].Sequence;
            if (SampleAndEmit(sequence, plan.PrefillLogits[i], now))
            {
                sequence.Phase = sequence.Generated == 1 ? SequencePhase.AwaitingFirstDecode : SequencePhase.Decoding;
            }
        }

        PublishKvCells();
        return sampled;
    }

    /// <summary>Updates the KV gauges read by other threads: cells of the running sequences plus the idle slots' caches.</summary>
    private void PublishKvCells()
    {
        var (used, cached, shared) = _kv.Count(_running);
        Volatile.Write(ref _kvCellsUsed, used);
        Volatile.Write(ref _kvCellsCached, cached);
        Volatile.Write(ref _kvCellsShared, shared);
    }

    /// <summary>Samples the next token of a sequence and streams its text. False when the sequence finished.</summary>
    private bool SampleAndEmit(ActiveSequence sequence, int logitsIndex, long now)
    {
        var request = sequence.Pending.Request;
        var token = sequence.Sampler.Sample(_context, logitsIndex);
        sequence.Output.Add(token);
        Interlocked.Increment(ref _generatedTokens);
        if (sequence.FirstTokenAt == 0)
        {
            sequence.FirstTokenAt = now;
        }

        if (!request.IgnoreEndOfGeneration && _vocab.IsEndOfGeneration(token))
        {
            Finish(sequence, FinishReason.Stop, sequence.Stream.Flush());
            return false;
        }

        if (sequence.Stream.Append(token, _pieces.Piece(token, request.RenderSpecialTokens), now) is { } stop)
        {
            Finish(sequence, FinishReason.Stop, "", stop);
            return false;
        }

        if (sequence.Generated >= (request.MaxTokens ?? int.MaxValue) || sequence.Position + 1 >= SequenceContextSize)
        {
            Finish(sequence, FinishReason.Length, sequence.Stream.Flush());
            return false;
        }

        sequence.NextToken = token;
        return true;
    }

    /// <summary>
    /// Ends a running request: frees its slot (its KV cells stay for prompt reuse when <see cref="EngineOptions.CachePrompts"/>
    /// is on, nothing failed and it was not ended for room, else they are freed too) and sends the final event.
    /// </summary>
    private void Finish(
        ActiveSequence sequence, FinishReason reason, string trailingText, string? stop = null, string? error = null, bool keepCells = true)
    {
        if (!_running.Remove(sequence))
        {
            return; // already finished earlier in this step
        }

        _kv.Release(sequence.Slot, error is null && keepCells ? sequence.TokensInKvCache() : null);
        PublishKvCells();
        Interlocked.Decrement(ref _slotsBusy);
        Complete(sequence, reason, trailingText, stop, error);
    }

    /// <summary>Ends a preempted request waiting for room (cancelled, or the engine stops).</summary>
    private void FinishPreempted(ActiveSequence sequence, FinishReason reason, string trailingText, string? error)
    {
        _preempted.Remove(sequence);
        Interlocked.Decrement(ref _queued);
        Complete(sequence, reason, trailingText, stop: null, error);
    }

    private void Complete(ActiveSequence sequence, FinishReason reason, string trailingText, string? stop, string? error)
    {
        sequence.Sampler.Dispose();
        var pending = sequence.Pending;
        var result = new GenerationResult(
            reason, pending.Prompt.Length, sequence.Generated,
            Timings(pending, sequence.AdmittedAt, sequence.FirstTokenAt), stop, error, sequence.Slot, sequence.CachedPromptTokens);
        Complete(pending, result, trailingText);
    }

    private void Complete(PendingRequest pending, GenerationResult result, string trailingText)
    {
        Interlocked.Increment(ref _completed);
        pending.Events.Writer.TryWrite(GenerationEvent.ForCompletion(result, trailingText));
        pending.Events.Writer.TryComplete();
        _observer.OnCompleted(result);
    }

    private static GenerationTimings Timings(PendingRequest pending, long admittedAt, long firstTokenAt) =>
        new(pending.QueuedAt, admittedAt, firstTokenAt, Stopwatch.GetTimestamp());
}
