using Inference.Server.Hosting;

namespace Inference.Server.Metrics;

/// <summary>Reads the engine's gauges and the model's state just before each scrape.</summary>
public static class EngineGaugeUpdater
{
    public static void Register(InferenceMetrics metrics, ModelHost host) =>
        metrics.Registry.AddBeforeCollectCallback(() => Update(metrics, host));

    private static void Update(InferenceMetrics metrics, ModelHost host)
    {
        foreach (var state in Enum.GetValues<ModelLoadState>())
        {
            metrics.ModelLoadState.WithLabels(state.ToString().ToLowerInvariant()).Set(state == host.State ? 1 : 0);
        }

        if (host.Model is not { } served)
        {
            return;
        }

        var statistics = served.Engine.Statistics;
        metrics.RequestsRunning.Set(statistics.SlotsBusy);
        metrics.RequestsWaiting.Set(statistics.RequestsWaiting);
        metrics.SlotsBusy.Set(statistics.SlotsBusy);
        metrics.SlotsTotal.Set(statistics.SlotsTotal);
        metrics.KvCacheUsageRatio.Set(statistics.KvUsageRatio);
        metrics.KvCacheTokens.Set(statistics.KvCellsUsed);
        metrics.KvCacheSharedTokens.Set(statistics.KvCellsShared);
    }
}
