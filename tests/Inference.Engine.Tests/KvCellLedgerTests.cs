namespace Inference.Engine.Tests;

/// <summary>The engine's count of KV cells when slots share a prefix's cells.</summary>
public class KvCellLedgerTests
{
    [Fact]
    public void Slots_writing_their_own_cells_add_up()
    {
        var cells = new KvCellLedger(3);
        cells.Extend(0, 100);
        cells.Extend(1, 40);
        cells.Extend(1, 60);

        Assert.Equal(160, cells.Cells());
        Assert.Equal(60, cells.Length(1));
        Assert.Equal(100, cells.Cells([0]));
    }

    [Fact]
    public void A_shared_prefix_counts_once_and_each_slot_adds_what_it_writes_after_it()
    {
        var cells = new KvCellLedger(3);
        cells.Extend(0, 1000);
        cells.Share(0, 1, 900);
        cells.Share(0, 2, 900);
        cells.Extend(1, 950);
        cells.Extend(2, 920);

        Assert.Equal(1000 + 50 + 20, cells.Cells());
        Assert.Equal(950, cells.Cells([1]));
        Assert.Equal(900 + 50 + 20, cells.Cells([1, 2]));
    }

    [Fact]
    public void Shared_cells_outlive_the_slot_that_wrote_them()
    {
        var cells = new KvCellLedger(2);
        cells.Extend(0, 500);
        cells.Share(0, 1, 400);
        cells.Truncate(0, 0);

        Assert.Equal(400, cells.Cells());
        cells.Truncate(1, 0);
        Assert.Equal(0, cells.Cells());
    }

    [Fact]
    public void A_slot_cut_back_and_written_again_has_new_cells_where_another_slot_keeps_the_old_ones()
    {
        var cells = new KvCellLedger(2);
        cells.Extend(0, 100);
        cells.Share(0, 1, 80);
        cells.Truncate(0, 30);
        cells.Extend(0, 100);

        // Slot 1 still holds old cells 30–79; slot 0 wrote 70 new ones at positions 30–99.
        Assert.Equal(80 + 70, cells.Cells());
    }

    [Fact]
    public void Sharing_a_prefix_of_a_prefix_clips_every_block()
    {
        var cells = new KvCellLedger(3);
        cells.Extend(0, 300);
        cells.Share(0, 1, 200);
        cells.Extend(1, 260);
        cells.Share(1, 2, 230);

        Assert.Equal(230, cells.Length(2));
        Assert.Equal(300 + 60, cells.Cells());
        Assert.Equal(230, cells.Cells([2]));
    }
}
