namespace Inference.Engine;

/// <summary>A consistent-enough snapshot of the engine's counters and gauges.</summary>
public sealed record EngineStatistics(
    long Steps,
    long PromptTokensProcessed,
    long TokensGenerated,
    long RequestsCompleted,
    int SlotsTotal,
    int SlotsBusy,
    int RequestsWaiting,
    int KvCellsUsed,
    int KvCellsTotal)
{
    public double KvUsageRatio => KvCellsTotal == 0 ? 0 : (double)KvCellsUsed / KvCellsTotal;
}
