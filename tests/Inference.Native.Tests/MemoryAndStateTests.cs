using Inference.Testing;

namespace Inference.Native.Tests;

public class MemoryAndStateTests(TinyModelFixture fixture) : IClassFixture<TinyModelFixture>
{
    [Fact]
    public void Sequence_memory_operations_move_cells_as_the_header_describes()
    {
        using var context = fixture.NewContext(sequences: 4);
        var memory = context.Memory;
        DecodeTests.GreedyDecode(fixture.Model, context, "sequence zero holds these tokens", 3, sequence: 0);
        var max0 = memory.MaxPosition(0);
        Assert.Equal(0, memory.MinPosition(0));
        Assert.True(max0 > 3);
        Assert.Equal(-1, memory.MaxPosition(1));

        memory.Copy(0, 1);
        Assert.Equal(max0, memory.MaxPosition(1));

        Assert.True(memory.Remove(1, p0: 4, p1: -1));
        Assert.Equal(3, memory.MaxPosition(1));

        memory.Shift(1, 0, -1, 10);
        Assert.Equal(10, memory.MinPosition(1));
        Assert.Equal(13, memory.MaxPosition(1));

        memory.Keep(1);
        Assert.Equal(-1, memory.MaxPosition(0));
        Assert.Equal(13, memory.MaxPosition(1));

        memory.Clear();
        Assert.Equal(-1, memory.MaxPosition(1));
    }

    [Fact]
    public void A_sequence_state_saved_and_restored_into_another_sequence_continues_identically()
    {
        using var context = fixture.NewContext(sequences: 2);
        var prompt = fixture.Model.Vocab.Tokenize("state round trip", addSpecial: true, parseSpecial: false);
        using var batch = new LlamaBatch(64);
        for (var i = 0; i < prompt.Length; i++)
        {
            batch.Add(prompt[i], i, 0, wantLogits: false);
        }

        Assert.Equal(0, context.Decode(batch));
        var state = context.GetSequenceState(0);
        Assert.True(state.Length > 0);
        Assert.Equal(state.Length, context.GetSequenceStateSize(0));

        context.SetSequenceState(state, 1);
        Assert.Equal(context.Memory.MaxPosition(0), context.Memory.MaxPosition(1));

        // The next token from both sequences, fed the same token, must be the same.
        batch.Clear();
        batch.Add(prompt[^1], prompt.Length, 0, wantLogits: true);
        batch.Add(prompt[^1], prompt.Length, 1, wantLogits: true);
        Assert.Equal(0, context.Decode(batch));
        using var greedy = new LlamaSamplerChain().AddGreedy();
        Assert.Equal(greedy.Sample(context, 0), greedy.Sample(context, 1));

        var file = Path.GetTempFileName();
        try
        {
            context.SaveSequenceStateFile(file, 0, prompt);
            context.Memory.Remove(1);
            var tokens = context.LoadSequenceStateFile(file, 1, 256);
            Assert.Equal(prompt, tokens);
            Assert.Equal(context.Memory.MaxPosition(0), context.Memory.MaxPosition(1));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Performance_counters_count_prompt_and_generated_tokens()
    {
        using var context = LlamaContext.Create(fixture.Model, new LlamaContextOptions { ContextSize = 512, Threads = TestModels.Threads, CollectPerformance = true });
        DecodeTests.GreedyDecode(fixture.Model, context, "count me", 5);

        var perf = context.GetPerformance();

        Assert.True(perf.n_p_eval > 0);
        Assert.InRange(perf.n_eval, 4, 5); // llama.cpp counts the single-token decodes after the first
        Assert.True(perf.t_eval_ms > 0);
    }
}
