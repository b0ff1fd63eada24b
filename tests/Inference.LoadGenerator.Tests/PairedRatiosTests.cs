using static Inference.LoadGenerator.Tests.RunResults;

namespace Inference.LoadGenerator.Tests;

public sealed class PairedRatiosTests
{
    [Fact]
    public void Each_round_is_compared_with_its_own_partner_then_the_median_taken()
    {
        // Per round ours / theirs: 1.2, 1.1, 0.9, so the median pair says 1.1; the medians of each side (90 / 100)
        // would say 0.9, because the machine was slow during the round ours ran fastest in.
        var ours = new[] { Run("ours", Level(1, 120)), Run("ours", Level(1, 66)), Run("ours", Level(1, 90)) };
        var theirs = new[] { Run("theirs", Level(1, 100)), Run("theirs", Level(1, 60)), Run("theirs", Level(1, 100)) };

        var pairs = PairedRatios.Of(ours, theirs);

        Assert.Equal(3, pairs[1].Pairs);
        Assert.Equal(1.1, pairs[1].OutputTokensPerSecond, 6);
        Assert.Equal(0.9, RoundMedian.Of(ours).Levels[0].OutputTokensPerSecond / RoundMedian.Of(theirs).Levels[0].OutputTokensPerSecond, 6);
    }

    [Fact]
    public void Ttft_and_itl_ratios_are_paired_too()
    {
        var ours = new[] { Run("ours", Level(8, 100, ttftP50: 800, itlP99: 60)), Run("ours", Level(8, 100, ttftP50: 1600, itlP99: 120)) };
        var theirs = new[] { Run("theirs", Level(8, 100, ttftP50: 1000, itlP99: 60)), Run("theirs", Level(8, 100, ttftP50: 2000, itlP99: 100)) };

        var pair = PairedRatios.Of(ours, theirs)[8];

        Assert.Equal(0.8, pair.TtftP50, 6);
        Assert.Equal(1.1, pair.ItlP99, 6);
    }

    [Fact]
    public void Levels_run_once_or_unevenly_have_no_pairs()
    {
        var ours = new[] { Run("ours", Level(1, 80), Level(4, 120)), Run("ours", Level(4, 110)) };
        var theirs = new[] { Run("theirs", Level(1, 70), Level(4, 100)) };

        Assert.Empty(PairedRatios.Of(ours, theirs));
    }

    [Fact]
    public void The_comparison_table_shows_the_paired_ratio_under_the_figure()
    {
        var ours = new[] { Run("ours", Level(1, 120)), Run("ours", Level(1, 60)) };
        var theirs = new[] { Run("theirs", Level(1, 100)), Run("theirs", Level(1, 50)) };

        var table = Report.Compare(RoundMedian.Of(ours), RoundMedian.Of(theirs), PairedRatios.Of(ours, theirs), ceilings: null, modelAndKvBytes: 0);

        Assert.Contains("| 1 | output tok/s: median of the 2 rounds' own ratios |  |  | 1.20 |  |", table, StringComparison.Ordinal);
    }
}
