using System.Runtime.InteropServices;

namespace Inference.Engine;

/// <summary>
/// What the step planner and the KV cache manager know of a sequence: its tokens, its phase and how far it is in the
/// KV cache. No native state, so the planner can be tested without a model. Owner thread only.
/// </summary>
internal class SequenceState(long arrival, int[] prompt)
{
    /// <summary>Order of submission: the youngest (largest) is preempted first, the oldest preempted one comes back first.</summary>
    public long Arrival { get; } = arrival;

    public int[] Prompt { get; } = prompt;

    /// <summary>The llama.cpp sequence id it holds, or -1 while it holds none.</summary>
    public int Slot { get; set; } = -1;

    public SequencePhase Phase { get; set; } = SequencePhase.Prefilling;

    /// <summary>The tokens to prefill: the prompt, or after a preemption the prompt and the output generated so far.</summary>
    public int[] PrefillTokens { get; private set; } = prompt;

    /// <summary>Prefill tokens already in the KV cache.</summary>
    public int PrefillCursor { get; set; }

    /// <summary>The prefill cursor when it took its slot: prefix borrowing is tried once, before its first chunk.</summary>
    public int PrefillStart { get; set; }

    public int PrefillRemaining => PrefillTokens.Length - PrefillCursor;

    /// <summary>Tokens of this sequence in the KV cache.</summary>
    public int Position { get; set; }

    /// <summary>The last sampled token, fed to the model in the next step.</summary>
    public int NextToken { get; set; } = -1;

    /// <summary>Every sampled token, in order (the KV cache holds all but the last; see <see cref="TokensInKvCache"/>).</summary>
    public List<int> Output { get; } = [];

    public int Generated => Output.Count;

    public int Preemptions { get; private set; }

    /// <summary>Out of the KV cache: it will prefill its prompt and output again, and sample on from there.</summary>
    public void Preempt()
    {
        PrefillTokens = [.. Prompt, .. Output];
        PrefillCursor = PrefillStart = Position = 0;
        Slot = -1;
        Phase = SequencePhase.Preempted;
        Preemptions++;
    }

    /// <summary>The tokens behind this sequence's KV cells: the first <see cref="Position"/> of prompt then output.</summary>
    public int[] TokensInKvCache()
    {
        var fromPrompt = Math.Min(Position, Prompt.Length);
        var tokens = new int[Position];
        Prompt.AsSpan(0, fromPrompt).CopyTo(tokens);
        for (var i = fromPrompt; i < Position; i++)
        {
            tokens[i] = Output[i - Prompt.Length];
        }

        return tokens;
    }

    /// <summary>How many first tokens of <paramref name="tokens"/> this sequence's KV cells already hold.</summary>
    public int CommonPrefixLength(ReadOnlySpan<int> tokens)
    {
        var fromPrompt = Math.Min(Position, Prompt.Length);
        var shared = tokens.CommonPrefixLength(Prompt.AsSpan(0, fromPrompt));
        if (shared < fromPrompt || Position <= Prompt.Length)
        {
            return shared;
        }

        var decodedOutput = CollectionsMarshal.AsSpan(Output)[..(Position - Prompt.Length)];
        return shared + tokens[shared..].CommonPrefixLength(decodedOutput);
    }
}
