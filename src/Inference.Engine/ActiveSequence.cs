using Inference.Native;

namespace Inference.Engine;

/// <summary>
/// A request holding a slot (a llama.cpp sequence id). Touched only by the owner thread.
/// <see cref="Position"/> counts the tokens of this sequence in the KV cache.
/// </summary>
internal sealed class ActiveSequence(PendingRequest pending, int slot, LlamaSamplerChain sampler, long admittedAt)
{
    public PendingRequest Pending { get; } = pending;

    public int Slot { get; } = slot;

    public LlamaSamplerChain Sampler { get; } = sampler;

    public Utf8TokenDecoder Decoder { get; } = new();

    public StopStringMatcher Stops { get; } = new(pending.Request.Stop);

    /// <summary>Greedy with nothing that reshapes the logits: the engine takes the argmax itself instead of running the sampler chain.</summary>
    public bool PlainGreedy { get; } = Sampling.IsPlainGreedy(pending.Request.Sampling);

    public long AdmittedAt { get; } = admittedAt;

    public long FirstTokenAt { get; set; }

    public int[] Prompt => Pending.Prompt;

    /// <summary>Prompt tokens already in the KV cache.</summary>
    public int PrefillCursor { get; set; }

    /// <summary>Tokens of this sequence in the KV cache.</summary>
    public int Position { get; set; }

    /// <summary>The last sampled token, fed to the model in the next step.</summary>
    public int NextToken { get; set; } = -1;

    /// <summary>Every sampled token, in order (the KV cache holds all but the last; see <see cref="TokensInKvCache"/>).</summary>
    public List<int> Output { get; } = [];

    public int Generated => Output.Count;

    /// <summary>Prompt tokens not prefilled again: found in the slot's KV cache at admission, or taken from another slot's cells.</summary>
    public int CachedPromptTokens { get; set; }

    /// <summary>Index of this sequence's logits in the current batch, or -1.</summary>
    public int OutputIndex { get; set; } = -1;

    /// <summary>Prompt tokens put in the current batch.</summary>
    public int ChunkLength { get; set; }

    public bool IsPrefilling => PrefillCursor < Prompt.Length;

    /// <summary>It has sat out one step to start decoding in step with prompts that arrived just after it (see the engine's step plan).</summary>
    public bool WaitedForLaterPrompts { get; set; }

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

        var decodedOutput = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(Output)[..(Position - Prompt.Length)];
        return shared + tokens[shared..].CommonPrefixLength(decodedOutput);
    }

    /// <summary>Its first token is out and its first decode is still to come.</summary>
    public bool AwaitsFirstDecode => Generated == 1 && !IsPrefilling;
}
