namespace Inference.Engine.Tests;

/// <summary>The step planner alone: sequences' state and the budget in, a step plan out; no model loaded.</summary>
public class StepPlannerTests
{
    private long _arrivals;

    [Fact]
    public void A_burst_is_prefilled_whole_prompts_in_arrival_order_up_to_the_per_step_target()
    {
        var planner = Planner(prefillTokensPerStep: 100);
        var burst = new[] { Prefilling(60), Prefilling(30), Prefilling(20), Prefilling(40) };

        var plan = Plan(planner, burst);

        // 60 + 30 = 90 fits the target of 100; the third would pass it. The fourth (40) is never taken before the third.
        Assert.Equal([(burst[0], 0, 60), (burst[1], 0, 30)], Chunks(plan));
        Assert.Equal(90, plan.PrefillTokens);
    }

    [Fact]
    public void The_oldest_prompt_always_goes_whole_even_past_the_target_and_is_split_only_past_the_budget()
    {
        var whole = Plan(Planner(prefillTokensPerStep: 16), [Prefilling(200), Prefilling(10)]);
        Assert.Equal([200], whole.Prefills.Select(c => c.Length));

        var split = Plan(Planner(stepTokenBudget: 128, prefillTokensPerStep: 16), [Prefilling(300)]);
        Assert.Equal([(0, 128)], split.Prefills.Select(c => (c.Start, c.Length)));
        Assert.False(split.Prefills[0].EndsPrefill);
    }

    [Fact]
    public void A_split_prompt_continues_from_its_cursor_and_its_last_chunk_ends_the_prefill()
    {
        var sequence = Prefilling(300);
        sequence.PrefillCursor = 256;

        var plan = Plan(Planner(stepTokenBudget: 256), [sequence]);

        Assert.Equal([(256, 44)], plan.Prefills.Select(c => (c.Start, c.Length)));
        Assert.True(plan.Prefills[0].EndsPrefill);
    }

    [Fact]
    public void Generating_sequences_sit_out_while_a_burst_continues_up_to_the_stall_bound()
    {
        var planner = Planner(prefillTokensPerStep: 50, decodeStallTokens: 100);
        var generating = Decoding(10);
        var burst = new[] { Prefilling(50), Prefilling(50), Prefilling(50), Prefilling(50) };
        SequenceState[] sequences = [generating, .. burst];

        var held = new List<bool>();
        for (var step = 0; step < 4; step++)
        {
            var plan = Plan(planner, sequences);
            held.Add(plan.DecodeHeld);
            Assert.Equal(!plan.DecodeHeld, plan.Decodes.Contains(generating));
            Assert.Equal(plan.DecodeHeld, plan.Decodes.Count == 0);
            Commit(planner, plan);
        }

        // 50 and 100 prompt tokens in a row are within the bound of 100; the third chunk would make 150: decode goes on.
        Assert.Equal([true, true, false, false], held);
    }

    [Fact]
    public void With_no_stall_allowed_every_step_decodes_every_generating_sequence()
    {
        var planner = Planner(prefillTokensPerStep: 50, decodeStallTokens: 0);
        var generating = new[] { Decoding(10), Decoding(12) };
        var plan = Plan(planner, [.. generating, Prefilling(50), Prefilling(50), Prefilling(50)]);

        Assert.False(plan.DecodeHeld);
        Assert.Equal(generating, plan.Decodes);
        Assert.Equal(50, plan.PrefillTokens);
    }

    [Fact]
    public void The_last_prompts_within_the_tail_are_kept_for_one_final_step()
    {
        // Tail 90: of 160 waiting tokens a step leaves 90 (target 70: only the oldest prompt, 40); of 120, it leaves 90
        // (target 30: again only the oldest); the last 80 are within the tail and go together: 1-1-2 instead of 2-2.
        var planner = Planner(prefillTokensPerStep: 80, prefillTailTokens: 90);
        var burst = new[] { Prefilling(40), Prefilling(40), Prefilling(40), Prefilling(40) };

        var steps = new List<int[]>();
        while (burst.Any(s => s.Phase == SequencePhase.Prefilling))
        {
            var plan = Plan(planner, burst);
            steps.Add([.. plan.Prefills.Select(c => c.Length)]);
            Commit(planner, plan);
        }

        Assert.Equal([[40], [40], [40, 40]], steps);
    }

    [Fact]
    public void Without_a_tail_the_burst_goes_in_even_groups()
    {
        var planner = Planner(prefillTokensPerStep: 80, prefillTailTokens: 0);
        var burst = new[] { Prefilling(40), Prefilling(40), Prefilling(40), Prefilling(40) };

        var steps = new List<int[]>();
        while (burst.Any(s => s.Phase == SequencePhase.Prefilling))
        {
            var plan = Plan(planner, burst);
            steps.Add([.. plan.Prefills.Select(c => c.Length)]);
            Commit(planner, plan);
        }

        Assert.Equal([[40, 40], [40, 40]], steps);
    }

    [Fact]
    public void Decode_tokens_come_out_of_the_step_budget_and_prompts_get_the_rest()
    {
        var generating = Enumerable.Range(0, 6).Select(_ => Decoding(5)).ToArray();
        var plan = Plan(Planner(stepTokenBudget: 64, prefillTokensPerStep: 1024, decodeStallTokens: 0), [.. generating, Prefilling(100)]);

        Assert.Equal(6, plan.DecodeTokens);
        Assert.Equal(58, plan.PrefillTokens);
        Assert.Equal(64, plan.DecodeTokens + plan.PrefillTokens);
    }

    [Fact]
    public void A_budget_taken_whole_by_decodes_leaves_no_prefill_and_a_prompt_of_exactly_the_budget_goes_whole()
    {
        var full = Plan(Planner(stepTokenBudget: 4, parallel: 4), [Decoding(1), Decoding(1), Decoding(1), Decoding(1), Prefilling(10)]);
        Assert.Empty(full.Prefills);
        Assert.Equal(4, full.DecodeTokens);

        var exact = Plan(Planner(stepTokenBudget: 64, prefillTokensPerStep: 64), [Decoding(1), Prefilling(63), Prefilling(1)]);
        Assert.Equal([63], exact.Prefills.Select(c => c.Length));
        Assert.True(exact.Prefills[0].EndsPrefill);
    }

    [Fact]
    public void Without_prefill_allowed_only_the_generating_sequences_run()
    {
        var planner = Planner();
        var generating = Decoding(3);
        var plan = new StepPlan();

        planner.Plan([generating, Prefilling(20)], allowPrefill: false, plan);

        Assert.Equal([generating], plan.Decodes);
        Assert.Empty(plan.Prefills);

        planner.Plan([Prefilling(20)], allowPrefill: false, plan);
        Assert.True(plan.IsEmpty);
    }

    [Fact]
    public void In_the_step_that_ends_a_burst_sequences_with_only_their_first_token_sit_out_once()
    {
        var planner = Planner(prefillTokensPerStep: 512);
        var justPrefilled = Decoding(1);
        justPrefilled.Phase = SequencePhase.AwaitingFirstDecode;
        var older = Decoding(20);
        var last = Prefilling(30);

        var plan = Plan(planner, [older, justPrefilled, last]);

        Assert.Equal([justPrefilled], plan.SatOut);
        Assert.Equal([older], plan.Decodes);
        Commit(planner, plan);
        Assert.Equal(SequencePhase.Decoding, justPrefilled.Phase);

        // It waited once: with another prompt ending a burst, it decodes.
        var again = Plan(planner, [older, justPrefilled, Prefilling(30)]);
        Assert.Empty(again.SatOut);
        Assert.Equal([older, justPrefilled], again.Decodes);
    }

    [Fact]
    public void With_no_stall_allowed_nobody_sits_out_for_a_burst()
    {
        var first = Decoding(1);
        first.Phase = SequencePhase.AwaitingFirstDecode;

        var plan = Plan(Planner(decodeStallTokens: 0), [first, Prefilling(30)]);

        Assert.Empty(plan.SatOut);
        Assert.Equal([first], plan.Decodes);
    }

    [Fact]
    public void The_youngest_by_arrival_is_preempted_not_the_last_admitted()
    {
        // The first arrival was preempted once and readmitted, so it runs last in admission order.
        var readmitted = new SequenceState(arrival: 1, new int[40]);
        var older = new SequenceState(arrival: 2, new int[40]);
        var youngest = new SequenceState(arrival: 3, new int[40]);

        Assert.Same(youngest, StepPlanner.ChoosePreemptionVictim([older, youngest, readmitted]));
        Assert.Same(older, StepPlanner.ChoosePreemptionVictim([older, readmitted]));
        Assert.Null(StepPlanner.ChoosePreemptionVictim([]));
    }

    [Fact]
    public void A_preempted_sequence_prefills_its_prompt_and_output_again()
    {
        var sequence = Prefilling(5);
        sequence.PrefillCursor = sequence.Position = 5;
        sequence.Output.AddRange([7, 8, 9]);
        sequence.Position = 7; // the last sampled token is not decoded yet
        sequence.Phase = SequencePhase.Decoding;

        sequence.Preempt();

        Assert.Equal(SequencePhase.Preempted, sequence.Phase);
        Assert.Equal([0, 0, 0, 0, 0, 7, 8, 9], sequence.PrefillTokens);
        Assert.Equal(0, sequence.Position);
        Assert.Equal(1, sequence.Preemptions);
        sequence.Phase = SequencePhase.Prefilling;
        var plan = Plan(Planner(), [sequence]);
        Assert.Equal([(0, 8)], plan.Prefills.Select(c => (c.Start, c.Length)));
        Assert.True(plan.Prefills[0].EndsPrefill);
    }

    [Fact]
    public void Planning_a_step_allocates_nothing_once_the_plan_has_grown()
    {
        var planner = Planner(prefillTokensPerStep: 64, decodeStallTokens: 0);
        SequenceState[] sequences = [.. Enumerable.Range(0, 15).Select(_ => Decoding(4)), Prefilling(300), Prefilling(30)];
        var plan = new StepPlan();
        planner.Plan(sequences, allowPrefill: true, plan);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var step = 0; step < 1000; step++)
        {
            planner.Plan(sequences, allowPrefill: true, plan);
            planner.Committed(plan);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.Equal(15, plan.DecodeTokens);
    }

    private static StepPlanner Planner(
        int stepTokenBudget = 512, int prefillTokensPerStep = 256, int decodeStallTokens = 1024, int prefillTailTokens = 0, int parallel = 8) =>
        new(new EngineOptions
        {
            Parallel = parallel,
            StepTokenBudget = stepTokenBudget,
            PrefillTokensPerStep = prefillTokensPerStep,
            DecodeStallTokens = decodeStallTokens,
            PrefillTailTokens = prefillTailTokens,
        });

    private static StepPlan Plan(StepPlanner planner, IReadOnlyList<SequenceState> sequences)
    {
        var plan = new StepPlan();
        planner.Plan(sequences, allowPrefill: true, plan);
        return plan;
    }

    /// <summary>What the engine's commit does to the sequences' state after a step ran (without sampling).</summary>
    private static void Commit(StepPlanner planner, StepPlan plan)
    {
        planner.Committed(plan);
        foreach (var sequence in plan.Decodes.Concat(plan.SatOut))
        {
            sequence.Phase = SequencePhase.Decoding;
        }

        foreach (var chunk in plan.Prefills)
        {
            chunk.Sequence.PrefillCursor += chunk.Length;
            if (chunk.EndsPrefill)
            {
                chunk.Sequence.Phase = SequencePhase.AwaitingFirstDecode;
            }
        }
    }

    private static IEnumerable<(SequenceState, int, int)> Chunks(StepPlan plan) => plan.Prefills.Select(c => (c.Sequence, c.Start, c.Length));

    private SequenceState Prefilling(int promptTokens) => new(++_arrivals, new int[promptTokens]);

    private SequenceState Decoding(int generated)
    {
        var sequence = new SequenceState(++_arrivals, new int[8]) { Phase = SequencePhase.Decoding };
        sequence.PrefillCursor = sequence.Position = 8;
        for (var i = 0; i < generated; i++)
        {
            sequence.Output.Add(i);
        }

        return sequence;
    }
}
