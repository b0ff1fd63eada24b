using Inference.Native.Interop;

namespace Inference.Native;

/// <summary>
/// A reusable <c>llama_batch</c> allocated by llama.cpp. The engine fills it in place every step
/// (no managed allocation on the hot path) and hands it to <see cref="LlamaContext.Decode"/>.
/// </summary>
public sealed unsafe class LlamaBatch : IDisposable
{
    private LlamaBatchNative _native;
    private bool _disposed;

    public LlamaBatch(int capacity, int maxSequencesPerToken = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSequencesPerToken, 1);
        NativeLibraryLoader.EnsureRegistered();
        _native = LlamaNative.llama_batch_init(capacity, 0, maxSequencesPerToken);
        Capacity = capacity;
        MaxSequencesPerToken = maxSequencesPerToken;
    }

    public int Capacity { get; }

    public int MaxSequencesPerToken { get; }

    public int Count => _native.n_tokens;

    internal LlamaBatchNative Native => _native;

    public void Clear() => _native.n_tokens = 0;

    /// <summary>Appends a token of one sequence; returns its index in the batch (its output index when <paramref name="wantLogits"/>).</summary>
    public int Add(int token, int position, int sequence, bool wantLogits)
    {
        var i = _native.n_tokens;
        if (i >= Capacity)
        {
            throw new InvalidOperationException($"The batch is full ({Capacity} tokens).");
        }

        _native.token[i] = token;
        _native.pos[i] = position;
        _native.n_seq_id[i] = 1;
        _native.seq_id[i][0] = sequence;
        _native.logits[i] = wantLogits ? (sbyte)1 : (sbyte)0;
        _native.n_tokens = i + 1;
        return i;
    }

    /// <summary>Appends a token shared by several sequences (e.g. a common prefix).</summary>
    public int Add(int token, int position, ReadOnlySpan<int> sequences, bool wantLogits)
    {
        if (sequences.Length > MaxSequencesPerToken)
        {
            throw new ArgumentException($"At most {MaxSequencesPerToken} sequences per token.", nameof(sequences));
        }

        var i = Add(token, position, sequences[0], wantLogits);
        for (var s = 0; s < sequences.Length; s++)
        {
            _native.seq_id[i][s] = sequences[s];
        }

        _native.n_seq_id[i] = sequences.Length;
        return i;
    }

    /// <summary>Turns the logits flag of token <paramref name="index"/> on or off.</summary>
    public void SetWantLogits(int index, bool wantLogits) => _native.logits[index] = wantLogits ? (sbyte)1 : (sbyte)0;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        LlamaNative.llama_batch_free(_native);
        _native = default;
    }
}
