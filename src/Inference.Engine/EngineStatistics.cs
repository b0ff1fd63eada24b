namespace Inference.Engine;

/// <summary>
/// A consistent-enough snapshot of the engine's counters and gauges. <see cref="KvCellsUsed"/> counts every held cell
/// once; <see cref="KvCellsCached"/>, the part of them that only idle slots keep for prompt reuse; <see cref="KvCellsShared"/>,
/// how many more the sequences would hold if those that took a prefix's cells from another slot held copies of them
/// (the sum of every sequence's cells is <see cref="KvCellsUsed"/> + <see cref="KvCellsShared"/>). <see cref="Preemptions"/> counts
/// sequences pushed out of a full KV cache to be recomputed later.
/// </summary>
public sealed record EngineStatistics(
    long Steps,
    long PromptTokensProcessed,
    long TokensGenerated,
    long RequestsCompleted,
    int SlotsTotal,
    int SlotsBusy,
    int RequestsWaiting,
    int KvCellsUsed,
    int KvCellsTotal,
    int KvCellsCached,
    int KvCellsShared,
    long Preemptions = 0)
{
    public double KvUsageRatio => KvCellsTotal == 0 ? 0 : (double)KvCellsUsed / KvCellsTotal;
}
