using static Inference.LoadGenerator.Tests.RunResults;

namespace Inference.LoadGenerator.Tests;

public sealed class RoundMedianTests
{
    [Fact]
    public void Files_of_one_level_each_fold_into_one_run_with_every_level_in_order()
    {
        // The side-by-side script writes one file per round and level, in round order.
        var folded = RoundMedian.Of([Run("ours", Level(1, 80)), Run("ours", Level(4, 120)), Run("ours", Level(1, 90)), Run("ours", Level(4, 100))]);

        Assert.Equal([1, 4], folded.Levels.Select(l => l.Concurrency));
        Assert.Equal(85, folded.Levels[0].OutputTokensPerSecond);
        Assert.Equal(110, folded.Levels[1].OutputTokensPerSecond);
        Assert.Equal(32, folded.Levels[0].Completed);
    }

    [Fact]
    public void Each_figure_is_the_median_of_its_rounds_and_peak_memory_the_highest()
    {
        var folded = RoundMedian.Of(
        [
            Run("ours", Level(8, 120, ttftP50: 900, itlP99: 70, peakRss: 300)),
            Run("ours", Level(8, 60, ttftP50: 2000, itlP99: 200, peakRss: 500)),
            Run("ours", Level(8, 125, ttftP50: 950, itlP99: 75, peakRss: 400)),
        ]);

        var level = Assert.Single(folded.Levels);
        Assert.Equal(120, level.OutputTokensPerSecond);
        Assert.Equal(950, level.TtftMs.P50);
        Assert.Equal(75, level.ItlMs.P99);
        Assert.Equal(500, level.ServerMemory!.PeakRssBytes);
    }

    [Fact]
    public void A_single_run_is_kept_as_it_is()
    {
        var run = Run("ours", Level(1, 80), Level(4, 120));

        Assert.Equal(run.Levels, RoundMedian.Of([run]).Levels);
    }
}
