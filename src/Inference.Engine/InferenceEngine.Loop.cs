using System.Diagnostics;
using Inference.Native;
using Microsoft.Extensions.Logging;

namespace Inference.Engine;

public sealed partial class InferenceEngine
{
    private const int DecodeNoKvRoom = 1;

    // A shorter shared prefix is prefilled again rather than taken from another slot: too little to be worth it.
    private const int MinimumBorrowedPrefix = 32;

    // Owner-thread state: nothing below is touched by any other thread.
    private readonly Queue<PendingRequest> _waiting = new();
    private readonly List<ActiveSequence> _active = [];
    private readonly List<int> _freeSlots = [];
    private readonly List<int> _busySlots = [];
    private byte[] _pieceBuffer = new byte[256];
    private int _promptTokensWhileDecodeHeld;

    // Written to the incoming channel by InjectFaultForTest.
    private static readonly object FaultInjection = new();

    private readonly record struct StepPlan(int DecodeTokens, int PrefillTokens, bool DecodeHeld);

    private void RunOwnerLoop()
    {
        for (var slot = _options.Parallel - 1; slot >= 0; slot--)
        {
            _freeSlots.Add(slot);
        }

        using var batch = new LlamaBatch(_options.StepTokenBudget);
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                if (_active.Count == 0 && _waiting.Count == 0)
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
                if (_active.Count > 0)
                {
                    Step(batch);
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
        for (var i = _active.Count - 1; i >= 0; i--)
        {
            if (_active[i].Pending.Cancellation.IsCancellationRequested)
            {
                Finish(_active[i], FinishReason.Cancelled, "");
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

    private void Admit()
    {
        while (_freeSlots.Count > 0 && _waiting.TryDequeue(out var pending))
        {
            // Busy before no longer queued: Submit's admission check must count this request at every moment.
            Interlocked.Increment(ref _slotsBusy);
            Interlocked.Decrement(ref _queued);
            LlamaSamplerChain sampler;
            try
            {
                sampler = SamplerChainFactory.Create(pending.Request.Sampling, _vocab);
            }
            catch (LlamaException ex)
            {
                Interlocked.Decrement(ref _slotsBusy);
                Complete(pending, new GenerationResult(FinishReason.Error, pending.Prompt.Length, 0, Timings(pending, 0, 0), Error: ex.Message), "");
                continue;
            }

            var (slot, shared) = _promptCache.Choose(_freeSlots, pending.Prompt);
            _freeSlots.Remove(slot);
            _promptCache.Forget(slot);
            // The last prompt token is decoded again even when the slot holds it: its logits give the first output token.
            var reused = Math.Min(shared, pending.Prompt.Length - 1);
            if (reused == 0 || !Memory.Remove(slot, reused))
            {
                reused = 0;
                Memory.Remove(slot);
            }

            _cells.Truncate(slot, reused);

            _active.Add(new ActiveSequence(pending, slot, sampler, Stopwatch.GetTimestamp())
            {
                PrefillCursor = reused,
                Position = reused,
                CachedPromptTokens = reused,
            });
            PublishKvCells();
        }
    }

    private void Step(LlamaBatch batch)
    {
        var allowPrefill = true;
        while (true)
        {
            var (decodeTokens, prefillTokens, decodeHeld) = FillBatch(batch, allowPrefill);
            if (batch.Count == 0)
            {
                // Only prompts in flight and no room for any of them: idle slots' cells go first, then the youngest request's.
                if (DropPromptCaches())
                {
                    allowPrefill = true;
                    continue;
                }

                EvictYoungest();
                allowPrefill = true;
                if (_active.Count == 0)
                {
                    return;
                }

                continue;
            }

            var started = Stopwatch.GetTimestamp();
            var status = _context.Decode(batch);
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (status == 0)
            {
                Interlocked.Increment(ref _steps);
                Interlocked.Add(ref _promptTokens, prefillTokens);
                _promptTokensWhileDecodeHeld = decodeHeld ? _promptTokensWhileDecodeHeld + prefillTokens : 0;
                _observer.OnStep(batch.Count, decodeTokens, prefillTokens, _active.Count, elapsed);
                if (CommitAndSample())
                {
                    // The streams' writers were just woken. Where llama.cpp's compute threads take every core, the next
                    // decode keeps them off the CPU until it ends and the tokens reach their clients a step late; one
                    // yield lets a writer run on this core first (it returns at once when nothing else is waiting).
                    Thread.Yield();
                }

                return;
            }

            if (status == DecodeNoKvRoom && DropPromptCaches())
            {
                continue;
            }

            if (status == DecodeNoKvRoom && prefillTokens > 0)
            {
                // No room for the prompt chunks: let the generating slots go on, prompts wait.
                allowPrefill = false;
                continue;
            }

            if (status == DecodeNoKvRoom)
            {
                // The cache is full with generating slots alone: the youngest one ends, the rest go on.
                EvictYoungest();
                if (_active.Count == 0)
                {
                    return;
                }

                continue;
            }

            _logger.LogError("llama_decode returned {Status}; failing the {Count} requests of this batch", status, _active.Count);
            foreach (var sequence in _active.Where(s => s.OutputIndex >= 0 || s.ChunkLength > 0).ToList())
            {
                Finish(sequence, FinishReason.Error, "", error: $"llama_decode failed with status {status}.");
            }

            return;
        }
    }

    /// <summary>Frees the cells idle slots keep for prompt reuse; false when none held any.</summary>
    private bool DropPromptCaches()
    {
        var dropped = false;
        foreach (var slot in _freeSlots)
        {
            if (_promptCache.Holds(slot))
            {
                _promptCache.Forget(slot);
                RemoveCells(slot);
                dropped = true;
            }
        }

        if (dropped)
        {
            _logger.LogDebug("KV cache full: dropped the prompt caches of idle slots");
            PublishKvCells();
        }

        return dropped;
    }

    private void EvictYoungest()
    {
        var youngest = _active[^1];
        _logger.LogWarning("KV cache full ({Cells} cells); ending request {Id} with finish_reason length", _context.ContextSize, youngest.Pending.Request.Id);
        Finish(youngest, FinishReason.Length, youngest.Stops.Flush() + youngest.Decoder.Flush(), keepCells: false);
    }

    /// <summary>
    /// Builds one step: prompt tokens in arrival order (whole prompts up to <see cref="EngineOptions.PrefillTokensPerStep"/>,
    /// at least one prompt; only a prompt larger than the step budget is split) and one token for every generating slot.
    /// While more prompt tokens wait behind this step's, generating slots sit the step out, up to
    /// <see cref="EngineOptions.DecodeStallTokens"/> prompt tokens in a row: a burst of new requests is then prefilled a few
    /// whole prompts per step, each group getting its first tokens a step after the previous one, while the slots already generating
    /// lose one gap for the whole burst instead of one per prompt (as when the burst is prefilled in a single batch).
    /// In the step that prefills the last waiting prompt, every sequence that has only its first token (prefilled in the
    /// burst, or in the step just before it) sits that step out once, so requests that arrived close together start
    /// decoding together and, with equal lengths, finish together, as if prefilled in one batch: their clients come
    /// back together, and the next wave is again one burst instead of a trickle that costs every generating slot a
    /// long gap per prompt.
    /// </summary>
    private StepPlan FillBatch(LlamaBatch batch, bool allowPrefill)
    {
        batch.Clear();
        var generating = 0;
        var waitingPromptTokens = 0;
        foreach (var sequence in _active)
        {
            sequence.ChunkLength = 0;
            sequence.OutputIndex = -1;
            if (sequence.IsPrefilling)
            {
                if (_options.CachePrompts && sequence.PrefillCursor == sequence.CachedPromptTokens)
                {
                    BorrowPrefix(sequence);
                }

                waitingPromptTokens += sequence.Prompt.Length - sequence.PrefillCursor;
            }
            else
            {
                generating++;
            }
        }

        var prefill = allowPrefill ? PlanPrefill(_options.StepTokenBudget - generating, waitingPromptTokens) : 0;
        var burstContinues = prefill > 0 && prefill < waitingPromptTokens;
        var holdDecode = generating > 0 && burstContinues && _promptTokensWhileDecodeHeld + prefill <= _options.DecodeStallTokens;
        var burstEnds = prefill > 0 && !burstContinues && _options.DecodeStallTokens > 0;
        if (!holdDecode)
        {
            foreach (var sequence in _active)
            {
                if (sequence.IsPrefilling)
                {
                    continue;
                }

                if (burstEnds && sequence.AwaitsFirstDecode && !sequence.WaitedForLaterPrompts)
                {
                    sequence.WaitedForLaterPrompts = true;
                    continue;
                }

                sequence.OutputIndex = batch.Add(sequence.NextToken, sequence.Position, sequence.Slot, wantLogits: true);
            }
        }

        var decodeTokens = batch.Count;
        foreach (var sequence in _active)
        {
            for (var i = 0; i < sequence.ChunkLength; i++)
            {
                var position = sequence.PrefillCursor + i;
                var last = position == sequence.Prompt.Length - 1;
                var index = batch.Add(sequence.Prompt[position], position, sequence.Slot, wantLogits: last);
                if (last)
                {
                    sequence.OutputIndex = index;
                }
            }
        }

        return new StepPlan(decodeTokens, prefill, holdDecode);
    }

    /// <summary>
    /// Chooses this step's prompt chunks (sets <see cref="ActiveSequence.ChunkLength"/>); returns their tokens. The
    /// last <see cref="EngineOptions.PrefillTailTokens"/> of the waiting prompts are kept for one final step.
    /// </summary>
    private int PlanPrefill(int budget, int waiting)
    {
        var target = Math.Min(budget, _options.PrefillTokensPerStep);
        var tail = _options.EffectivePrefillTailTokens;
        if (tail > 0)
        {
            target = waiting <= tail ? Math.Min(budget, waiting) : Math.Min(target, waiting - tail);
        }
        var planned = 0;
        foreach (var sequence in _active)
        {
            if (!sequence.IsPrefilling)
            {
                continue;
            }

            var remaining = sequence.Prompt.Length - sequence.PrefillCursor;
            if (planned == 0)
            {
                // The oldest waiting prompt always goes, whole if the step can hold it.
                sequence.ChunkLength = Math.Min(remaining, budget);
                planned = sequence.ChunkLength;
                continue;
            }

            if (planned + remaining > target)
            {
                break;
            }

            sequence.ChunkLength = remaining;
            planned += remaining;
        }

        return planned;
    }

    /// <summary>Advances every sequence past this step and samples where logits came out; true when any token was sampled.</summary>
    private bool CommitAndSample()
    {
        var now = Stopwatch.GetTimestamp();
        var sampled = false;
        for (var i = 0; i < _active.Count; i++)
        {
            var sequence = _active[i];
            if (sequence.ChunkLength > 0)
            {
                sequence.PrefillCursor += sequence.ChunkLength;
                sequence.Position = sequence.PrefillCursor;
            }
            else if (sequence.OutputIndex >= 0)
            {
                sequence.Position++;
            }

            _cells.Extend(sequence.Slot, sequence.Position);

            if (sequence.OutputIndex >= 0)
            {
                sampled = true;
                if (!SampleAndEmit(sequence, now))
                {
                    i--; // finished and removed
                    continue;
                }
            }
        }

        PublishKvCells();
        return sampled;
    }

    /// <summary>Updates the KV gauges read by other threads: cells of the running sequences plus the idle slots' caches.</summary>
    private void PublishKvCells()
    {
        _busySlots.Clear();
        foreach (var sequence in _active)
        {
            _busySlots.Add(sequence.Slot);
        }

        var used = _cells.Cells();
        Volatile.Write(ref _kvCellsUsed, used);
        Volatile.Write(ref _kvCellsCached, used - _cells.Cells(_busySlots));
        Volatile.Write(ref _kvCellsShared, _cells.CellsPerSlot() - used);
    }

    private void RemoveCells(int slot)
    {
        Memory.Remove(slot);
        _cells.Truncate(slot, 0);
    }

    /// <summary>
    /// Before a prompt's first chunk is prefilled, looks for another slot whose cells already hold a longer prefix of it:
    /// a running request's prompt or output, or an idle slot's cache. When one holds at least
    /// <see cref="MinimumBorrowedPrefix"/> more tokens than this slot, this slot drops its own and takes that slot's
    /// cells for the prefix (<c>llama_memory_seq_cp</c>: one set of cells, both sequence ids), so only the rest is
    /// prefilled. Agents that send one long system prompt and tool schema with every request then hold it once in
    /// the cache however many run at once, and each step attends over that many fewer cells.
    /// </summary>
    private void BorrowPrefix(ActiveSequence sequence)
    {
        var prompt = sequence.Prompt.AsSpan(0, sequence.Prompt.Length - 1); // the last prompt token is always decoded
        var donor = -1;
        var best = sequence.PrefillCursor + MinimumBorrowedPrefix - 1;
        foreach (var other in _active)
        {
            if (other != sequence && other.CommonPrefixLength(prompt) is var shared && shared > best)
            {
                (donor, best) = (other.Slot, shared);
            }
        }

        foreach (var slot in _freeSlots)
        {
            if (prompt.CommonPrefixLength(_promptCache.Tokens(slot)) is var shared && shared > best)
            {
                (donor, best) = (slot, shared);
            }
        }

        if (donor < 0)
        {
            return;
        }

        Memory.Remove(sequence.Slot);
        Memory.Copy(donor, sequence.Slot, 0, best);
        _cells.Share(donor, sequence.Slot, best);
        sequence.PrefillCursor = sequence.Position = sequence.CachedPromptTokens = best;
    }

    /// <summary>Samples the next token of a sequence and streams its text. False when the sequence finished.</summary>
    private bool SampleAndEmit(ActiveSequence sequence, long now)
    {
        var request = sequence.Pending.Request;
        var token = sequence.PlainGreedy
            ? Sampling.ArgMax(_context.GetLogits(sequence.OutputIndex))
            : sequence.Sampler.Sample(_context, sequence.OutputIndex);
        sequence.Output.Add(token);
        Interlocked.Increment(ref _generatedTokens);
        if (sequence.FirstTokenAt == 0)
        {
            sequence.FirstTokenAt = now;
        }

        if (!request.IgnoreEndOfGeneration && _vocab.IsEndOfGeneration(token))
        {
            Finish(sequence, FinishReason.Stop, sequence.Stops.Flush() + sequence.Decoder.Flush());
            return false;
        }

        var text = sequence.Decoder.Append(Piece(token, request.RenderSpecialTokens));
        var released = sequence.Stops.Append(text, out var stop);
        if (stop is not null)
        {
            sequence.Pending.Events.Writer.TryWrite(GenerationEvent.ForToken(token, released, now));
            Finish(sequence, FinishReason.Stop, "", stop);
            return false;
        }

        sequence.Pending.Events.Writer.TryWrite(GenerationEvent.ForToken(token, released, now));
        if (sequence.Generated >= (request.MaxTokens ?? int.MaxValue) || sequence.Position + 1 >= SequenceContextSize)
        {
            Finish(sequence, FinishReason.Length, sequence.Stops.Flush() + sequence.Decoder.Flush());
            return false;
        }

        sequence.NextToken = token;
        return true;
    }

    private ReadOnlySpan<byte> Piece(int token, bool special)
    {
        var length = _vocab.TokenToPiece(token, _pieceBuffer, special);
        if (length < 0)
        {
            _pieceBuffer = new byte[-length * 2];
            length = _vocab.TokenToPiece(token, _pieceBuffer, special);
        }

        return _pieceBuffer.AsSpan(0, length);
    }

    /// <summary>
    /// Ends a request: frees its slot (its KV cells stay for prompt reuse when <see cref="EngineOptions.CachePrompts"/>
    /// is on, nothing failed and it was not evicted for room, else they are freed too) and sends the final event.
    /// </summary>
    private void Finish(
        ActiveSequence sequence, FinishReason reason, string trailingText, string? stop = null, string? error = null, bool keepCells = true)
    {
        _active.Remove(sequence);
        if (_options.CachePrompts && error is null && keepCells)
        {
            _promptCache.Keep(sequence.Slot, sequence.TokensInKvCache());
        }
        else
        {
            RemoveCells(sequence.Slot);
        }

        PublishKvCells();
        sequence.Sampler.Dispose();
        _freeSlots.Add(sequence.Slot);
        Interlocked.Decrement(ref _slotsBusy);
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

    private void FailAll(string message)
    {
        DrainIncoming(failing: true);
        foreach (var sequence in _active.ToList())
        {
            Finish(sequence, FinishReason.Error, "", error: message);
        }

        while (_waiting.TryDequeue(out var pending))
        {
            Interlocked.Decrement(ref _queued);
            Complete(pending, new GenerationResult(FinishReason.Error, pending.Prompt.Length, 0, Timings(pending, 0, 0), Error: message), "");
        }
    }
}
