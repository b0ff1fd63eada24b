namespace Inference.Engine;

/// <summary>
/// The tokens each free slot still holds in the KV cache after its last request (its prompt and the output it
/// decoded), so that a new request can take the slot that shares the longest prefix with its prompt and skip
/// prefilling that prefix: llama-server's <c>cache_prompt</c>. A multi-turn chat or an agent that sends the same
/// system prompt and tools every turn then pays only for what is new. Owner thread only.
/// </summary>
internal sealed class SlotPromptCache(int slots)
{
    private readonly int[]?[] _tokens = new int[slots][];

    /// <summary>Records what a freed slot holds (null or empty: nothing).</summary>
    public void Keep(int slot, int[]? tokens)
    {
        Forget(slot);
        if (tokens is { Length: > 0 })
        {
            _tokens[slot] = tokens;
        }
    }

    /// <summary>The slot's cells are about to be reused or removed.</summary>
    public void Forget(int slot) => _tokens[slot] = null;

    public bool Holds(int slot) => _tokens[slot] is not null;

    /// <summary>The tokens behind the free slot's cells (empty when it holds none).</summary>
    public ReadOnlySpan<int> Tokens(int slot) => _tokens[slot];

    /// <summary>
    /// The free slot for <paramref name="prompt"/> and how many of its first tokens that slot already holds: the slot
    /// sharing the longest prefix, else the slot freed last, as without a cache. Other slots' caches are left alone
    /// rather than spread over more slots: every cell held, cached or not, widens the KV window each step attends over.
    /// </summary>
    public (int Slot, int SharedTokens) Choose(List<int> freeSlots, ReadOnlySpan<int> prompt)
    {
        var best = freeSlots[^1];
        var bestShared = 0;
        for (var i = freeSlots.Count - 1; i >= 0; i--)
        {
            if (_tokens[freeSlots[i]] is { } held && prompt.CommonPrefixLength(held) is var shared && shared > bestShared)
            {
                (best, bestShared) = (freeSlots[i], shared);
            }
        }

        return (best, bestShared);
    }
}
