using Inference.Kube.Analysis.Logs;

namespace Inference.Kube.Analysis.Tests.Logs;

public sealed class DrainMinerTests
{
    [Fact]
    public void Masking_replaces_timestamps_ips_uuids_hex_durations_and_numbers()
    {
        var masked = LogMasker.Mask("2026-11-17T10:24:36.635Z req 3f2a9c1e-0b7d-4e55-9a1f-2b8c7d6e5f40 from 10.0.3.7:5432 id=0xdeadbeef took 2m40s rows=17");
        Assert.Equal("<TS> req <UUID> from <IP> id=<HEX> took <DUR> rows=<NUM>", masked);
    }

    [Fact]
    public void Lines_differing_only_in_variables_share_one_template()
    {
        var miner = new DrainMiner();
        for (var i = 0; i < 100; i++)
        {
            miner.Add($"2026-11-17T10:24:{i % 60:D2}Z INFO GET /orders/{i} 200 in {i}ms from 10.0.0.{i % 250}");
        }

        miner.Add("2026-11-17T10:25:00Z ERROR database connection lost");
        Assert.Equal(2, miner.Templates.Count);
        Assert.Equal(100, miner.Templates[0].Count);
        Assert.Equal("<TS> INFO GET /orders/<NUM> <NUM> in <DUR> from <IP>", miner.Templates[0].Template);
    }

    [Fact]
    public void Different_words_at_the_same_length_stay_apart_below_the_similarity_threshold()
    {
        var miner = new DrainMiner();
        miner.Add("INFO user alice logged in");
        miner.Add("INFO cache warmed up fully");
        Assert.Equal(2, miner.Templates.Count);
        miner.Add("INFO user bob logged in");
        Assert.Equal(2, miner.Templates.Count);
        Assert.Equal("INFO user <*> logged in", miner.Templates[0].Template);
    }

    [Fact]
    public void Defaults_are_drain3s()
    {
        var miner = new DrainMiner();
        Assert.Equal((4, 0.4, 100), (miner.Depth, miner.SimilarityThreshold, miner.MaxChildren));
    }
}
