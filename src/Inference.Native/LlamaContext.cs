using Inference.Native.Interop;

namespace Inference.Native;

/// <summary>
/// A llama.cpp context: KV cache + compute state. Not thread-safe: exactly one thread (the
/// engine's owner loop) may use it. It keeps its model alive until it is disposed.
/// </summary>
public sealed unsafe class LlamaContext : IDisposable
{
    private LlamaContext(LlamaModel model, SafeLlamaContextHandle handle)
    {
        Model = model;
        Handle = handle;
        Memory = new LlamaMemory(this, LlamaNative.llama_get_memory(handle));
        ContextSize = (int)LlamaNative.llama_n_ctx(handle);
        SequenceContextSize = (int)LlamaNative.llama_n_ctx_seq(handle);
        BatchSize = (int)LlamaNative.llama_n_batch(handle);
        MicroBatchSize = (int)LlamaNative.llama_n_ubatch(handle);
        SequenceCount = (int)LlamaNative.llama_n_seq_max(handle);
        VocabSize = model.Vocab.TokenCount;
    }

    public LlamaModel Model { get; }

    public SafeLlamaContextHandle Handle { get; }

    public LlamaMemory Memory { get; }

    /// <summary>Actual values after creation (llama.cpp may round what was asked).</summary>
    public int ContextSize { get; }

    /// <summary>The most cells one sequence may hold.</summary>
    public int SequenceContextSize { get; }

    public int BatchSize { get; }

    public int MicroBatchSize { get; }

    public int SequenceCount { get; }

    public int VocabSize { get; }

    public LlamaPoolingType Pooling => LlamaNative.llama_pooling_type(Handle);

    public static LlamaContext Create(LlamaModel model, LlamaContextOptions options) => Create(model, options.ToNative());

    public static LlamaContext Create(LlamaModel model, LlamaContextParams parameters)
    {
        var raw = LlamaNative.llama_init_from_model(model.Handle, parameters);
        if (raw == nint.Zero)
        {
            throw new LlamaException(
                $"llama.cpp could not create a context (n_ctx={parameters.n_ctx}, n_seq_max={parameters.n_seq_max}, n_batch={parameters.n_batch}); see the llama.cpp log.");
        }

        return new LlamaContext(model, new SafeLlamaContextHandle(raw, model.Handle));
    }

    /// <summary>
    /// Runs one batch. 0 = ok; 1 = no KV room for the batch (make it smaller or free cells);
    /// 2 = aborted; -1 = invalid batch; below -1 = fatal error.
    /// </summary>
    public int Decode(LlamaBatch batch) => LlamaNative.llama_decode(Handle, batch.Native);

    public int Encode(LlamaBatch batch) => LlamaNative.llama_encode(Handle, batch.Native);

    /// <summary>Logits of the i-th output of the last decode (negative i counts from the end).</summary>
    public ReadOnlySpan<float> GetLogits(int i)
    {
        var p = LlamaNative.llama_get_logits_ith(Handle, i);
        if (p is null)
        {
            throw new LlamaException($"No logits for output {i} of the last batch.");
        }

        return new ReadOnlySpan<float>(p, VocabSize);
    }

    /// <summary>Embedding of the i-th output (no pooling), or null.</summary>
    public ReadOnlySpan<float> GetEmbeddings(int i)
    {
        var p = LlamaNative.llama_get_embeddings_ith(Handle, i);
        return p is null ? default : new ReadOnlySpan<float>(p, Model.EmbeddingSize);
    }

    /// <summary>Pooled embedding of a sequence (pooling != none), or empty.</summary>
    public ReadOnlySpan<float> GetSequenceEmbeddings(int sequence)
    {
        var p = LlamaNative.llama_get_embeddings_seq(Handle, sequence);
        return p is null ? default : new ReadOnlySpan<float>(p, Model.EmbeddingSize);
    }

    public void SetThreads(int threads, int batchThreads) => LlamaNative.llama_set_n_threads(Handle, threads, batchThreads);

    public int Threads => LlamaNative.llama_n_threads(Handle);

    /// <summary>
    /// Computes every later decode on <paramref name="threadpool"/> (for single-token and batched work alike).
    /// The context keeps the pool alive until the context itself is freed.
    /// </summary>
    public void AttachThreadpool(LlamaThreadpool threadpool)
    {
        LlamaNative.llama_attach_threadpool(Handle, threadpool.Handle, nint.Zero);
        Handle.KeepThreadpoolAlive(threadpool.Handle);
    }

    public int BatchThreads => LlamaNative.llama_n_threads_batch(Handle);

    public void SetEmbeddings(bool embeddings) => LlamaNative.llama_set_embeddings(Handle, embeddings);

    public void SetCausalAttention(bool causal) => LlamaNative.llama_set_causal_attn(Handle, causal);

    public void Synchronize() => LlamaNative.llama_synchronize(Handle);

    /// <summary>The exact bytes needed to save one sequence's state.</summary>
    public long GetSequenceStateSize(int sequence) => (long)LlamaNative.llama_state_seq_get_size(Handle, sequence);

    /// <summary>Saves one sequence's KV state (to move it to another sequence or context).</summary>
    public byte[] GetSequenceState(int sequence)
    {
        var size = LlamaNative.llama_state_seq_get_size(Handle, sequence);
        var buffer = new byte[(int)size];
        fixed (byte* p = buffer)
        {
            var written = LlamaNative.llama_state_seq_get_data(Handle, p, size, sequence);
            return written == size ? buffer : buffer[..(int)written];
        }
    }

    /// <summary>Restores a state saved by <see cref="GetSequenceState"/> into <paramref name="sequence"/>.</summary>
    public void SetSequenceState(ReadOnlySpan<byte> state, int sequence)
    {
        fixed (byte* p = state)
        {
            if (LlamaNative.llama_state_seq_set_data(Handle, p, (nuint)state.Length, sequence) == 0)
            {
                throw new LlamaException($"llama.cpp rejected the saved state for sequence {sequence}.");
            }
        }
    }

    public void SaveSequenceStateFile(string path, int sequence, ReadOnlySpan<int> tokens)
    {
        fixed (int* t = tokens)
        {
            if (LlamaNative.llama_state_seq_save_file(Handle, path, sequence, t, (nuint)tokens.Length) == 0)
            {
                throw new LlamaException($"Could not save sequence {sequence} to '{path}'.");
            }
        }
    }

    /// <summary>Loads a sequence state file into <paramref name="sequence"/> and returns its tokens.</summary>
    public int[] LoadSequenceStateFile(string path, int sequence, int tokenCapacity)
    {
        var tokens = new int[tokenCapacity];
        nuint count = 0;
        fixed (int* t = tokens)
        {
            if (LlamaNative.llama_state_seq_load_file(Handle, path, sequence, t, (nuint)tokens.Length, &count) == 0)
            {
                throw new LlamaException($"Could not load sequence state from '{path}'.");
            }
        }

        return tokens[..(int)count];
    }

    public LlamaPerfContextData GetPerformance() => LlamaNative.llama_perf_context(Handle);

    public void ResetPerformance() => LlamaNative.llama_perf_context_reset(Handle);

    public void Dispose() => Handle.Dispose();
}
