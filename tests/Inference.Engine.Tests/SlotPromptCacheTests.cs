namespace Inference.Engine.Tests;

/// <summary>Which free slot a new prompt takes, and what each slot is known to hold.</summary>
public class SlotPromptCacheTests
{
    private static readonly int[] Prompt = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20];

    [Fact]
    public void The_slot_sharing_the_longest_prefix_wins()
    {
        var cache = new SlotPromptCache(4);
        cache.Keep(0, [1, 2, 3, 99]);
        cache.Keep(1, [1, 2, 3, 4, 5, 6, 98]);
        cache.Keep(2, [1, 2, 97]);

        Assert.Equal((1, 6), cache.Choose([0, 1, 2, 3], Prompt));
    }

    [Fact]
    public void With_nothing_shared_the_slot_freed_last_is_taken_even_over_an_empty_one()
    {
        var cache = new SlotPromptCache(3);
        cache.Keep(0, [70, 71]);

        // Slot 0 was freed last: taking it keeps the cells in use where they were instead of spreading them.
        Assert.Equal((0, 0), cache.Choose([2, 1, 0], Prompt));
        Assert.Equal((2, 0), cache.Choose([1, 2], Prompt));
    }

    [Fact]
    public void With_nothing_shared_and_no_empty_slot_the_slot_freed_last_is_taken()
    {
        var cache = new SlotPromptCache(2);
        cache.Keep(0, [70, 71]);
        cache.Keep(1, [80, 81]);

        Assert.Equal((1, 0), cache.Choose([0, 1], Prompt));
    }

    [Fact]
    public void A_forgotten_slot_holds_nothing()
    {
        var cache = new SlotPromptCache(2);
        cache.Keep(0, [1, 2, 3]);
        cache.Keep(1, [4, 5]);
        cache.Forget(0);
        cache.Keep(1, null);

        Assert.False(cache.Holds(0));
        Assert.False(cache.Holds(1));
        Assert.True(cache.Tokens(0).IsEmpty);
    }
}
