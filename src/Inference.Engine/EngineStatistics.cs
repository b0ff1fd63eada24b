namespace Inference.Engine;

/// <summary>
/// A consistent-enough snapshot of the engine's counters and gauges. <see cref="KvCellsUsed"/> counts every held cell;
/// <see cref="KvCellsCached"/>, the part of them that idle slots keep for prompt reuse.
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
    int KvCellsCached)
{
    public double KvUsageRatio => KvCellsTotal == 0 ? 0 : (double)KvCellsUsed / KvCellsTotal;
}
