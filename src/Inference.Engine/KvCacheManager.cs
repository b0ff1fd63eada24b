using Inference.Native;

namespace Inference.Engine;

/// <summary>
/// The KV cache's bookkeeping: which slots (llama.cpp sequence ids) are free, what each idle slot still holds for
/// prompt reuse (<see cref="SlotPromptCache"/>), which cells each slot holds (<see cref="KvCellLedger"/>), prefix
/// borrowing between slots, and freeing cells for room. Owner thread only.
/// </summary>
internal sealed class KvCacheManager
{
    // A shorter shared prefix is prefilled again rather than taken from another slot: too little to be worth it.
    private const int MinimumBorrowedPrefix = 32;

    private readonly LlamaMemory _memory;
    private readonly int _contextSize;
    private readonly bool _cachePrompts;
    private readonly SlotPromptCache _promptCache;
    private readonly KvCellLedger _cells;
    private readonly List<int> _freeSlots = [];
    private readonly List<int> _busySlots = [];

    public KvCacheManager(LlamaMemory memory, int slots, int contextSize, bool cachePrompts)
    {
        _memory = memory;
        _contextSize = contextSize;
        _cachePrompts = cachePrompts;
        _promptCache = new SlotPromptCache(slots);
        _cells = new KvCellLedger(slots);
        for (var slot = slots - 1; slot >= 0; slot--)
        {
            _freeSlots.Add(slot);
        }
    }

    public bool HasFreeSlot => _freeSlots.Count > 0;

    /// <summary>
    /// Gives the sequence the free slot whose cells share the longest prefix with its prefill tokens (see
    /// <see cref="SlotPromptCache.Choose"/>), keeps those cells and drops the rest; returns how many tokens it skips.
    /// </summary>
    public int Admit(SequenceState sequence)
    {
        var tokens = sequence.PrefillTokens;
        var (slot, shared) = _promptCache.Choose(_freeSlots, tokens);
        _freeSlots.Remove(slot);
        _promptCache.Forget(slot);
        // The last prefill token is decoded again even when the slot holds it: its logits give the next output token.
        var reused = Math.Min(shared, tokens.Length - 1);
        if (reused == 0 || !_memory.Remove(slot, reused))
        {
            reused = 0;
            _memory.Remove(slot);
        }

        _cells.Truncate(slot, reused);
        sequence.Slot = slot;
        sequence.PrefillCursor = sequence.PrefillStart = sequence.Position = reused;
        return reused;
    }

    /// <summary>
    /// Before a sequence's first chunk is prefilled, looks for another slot whose cells already hold a longer prefix
    /// of it: a running sequence's prompt or output, or an idle slot's cache. When one holds at least
    /// <see cref="MinimumBorrowedPrefix"/> more tokens than this slot, this slot drops its own and takes that slot's
    /// cells for the prefix (<c>llama_memory_seq_cp</c>: one set of cells, both sequence ids), so only the rest is
    /// prefilled: an agent's long system prompt is then held once however many of its requests run at once.
    /// True when it borrowed.
    /// </summary>
    public bool BorrowPrefix(SequenceState sequence, IReadOnlyList<SequenceState> running)
    {
        if (!_cachePrompts || sequence.Phase != SequencePhase.Prefilling || sequence.PrefillCursor != sequence.PrefillStart)
        {
            return false;
        }

        var prompt = sequence.PrefillTokens.AsSpan(0, sequence.PrefillTokens.Length - 1); // the last one is always decoded
        var donor = -1;
        var best = sequence.PrefillCursor + MinimumBorrowedPrefix - 1;
        for (var i = 0; i < running.Count; i++)
        {
            var other = running[i];
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
            return false;
        }

        _memory.Remove(sequence.Slot);
        _memory.Copy(donor, sequence.Slot, 0, best);
        _cells.Share(donor, sequence.Slot, best);
        sequence.PrefillCursor = sequence.PrefillStart = sequence.Position = best;
        return true;
    }

    /// <summary>The slot decoded up to <paramref name="length"/> positions.</summary>
    public void Extend(int slot, int length) => _cells.Extend(slot, length);

    /// <summary>Frees a slot; its cells stay as a prompt cache holding <paramref name="keep"/>, or are removed when null.</summary>
    public void Release(int slot, int[]? keep)
    {
        if (_cachePrompts && keep is not null)
        {
            _promptCache.Keep(slot, keep);
        }
        else
        {
            RemoveCells(slot);
        }

        _freeSlots.Add(slot);
    }

    /// <summary>Frees the cells idle slots keep for prompt reuse; false when none held any.</summary>
    public bool DropPromptCaches()
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

        return dropped;
    }

    /// <summary>Cells not held by the running sequences (idle slots' caches count as free: they are dropped for room).</summary>
    public int FreeCells(IReadOnlyList<SequenceState> running) => _contextSize - _cells.Cells(BusySlots(running));

    /// <summary>
    /// Every held cell once; the part of them only idle slots keep; and how many more the slots would hold without
    /// shared prefixes.
    /// </summary>
    public (int Used, int Cached, int Shared) Count(IReadOnlyList<SequenceState> running)
    {
        var used = _cells.Cells();
        return (used, used - _cells.Cells(BusySlots(running)), _cells.CellsPerSlot() - used);
    }

    private List<int> BusySlots(IReadOnlyList<SequenceState> running)
    {
        _busySlots.Clear();
        for (var i = 0; i < running.Count; i++)
        {
            _busySlots.Add(running[i].Slot);
        }

        return _busySlots;
    }

    private void RemoveCells(int slot)
    {
        _memory.Remove(slot);
        _cells.Truncate(slot, 0);
    }
}
