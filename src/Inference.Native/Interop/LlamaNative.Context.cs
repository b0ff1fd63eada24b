using System.Runtime.InteropServices;

namespace Inference.Native.Interop;

public static unsafe partial class LlamaNative
{
    [LibraryImport(LibLlama)]
    public static partial nint llama_init_from_model(SafeLlamaModelHandle model, LlamaContextParams parameters);

    [LibraryImport(LibLlama)]
    public static partial void llama_free(nint ctx);

    [LibraryImport(LibLlama)] public static partial uint llama_n_ctx(SafeLlamaContextHandle ctx);
    [LibraryImport(LibLlama)] public static partial uint llama_n_ctx_seq(SafeLlamaContextHandle ctx);
    [LibraryImport(LibLlama)] public static partial uint llama_n_batch(SafeLlamaContextHandle ctx);
    [LibraryImport(LibLlama)] public static partial uint llama_n_ubatch(SafeLlamaContextHandle ctx);
    [LibraryImport(LibLlama)] public static partial uint llama_n_seq_max(SafeLlamaContextHandle ctx);

    [LibraryImport(LibLlama)]
    public static partial nint llama_get_memory(SafeLlamaContextHandle ctx);

    [LibraryImport(LibLlama)]
    public static partial LlamaPoolingType llama_pooling_type(SafeLlamaContextHandle ctx);

    [LibraryImport(LibLlama)]
    public static partial LlamaBatchNative llama_batch_init(int nTokens, int embd, int nSeqMax);

    [LibraryImport(LibLlama)]
    public static partial void llama_batch_free(LlamaBatchNative batch);

    [LibraryImport(LibLlama)]
    public static partial int llama_encode(SafeLlamaContextHandle ctx, LlamaBatchNative batch);

    [LibraryImport(LibLlama)]
    public static partial int llama_decode(SafeLlamaContextHandle ctx, LlamaBatchNative batch);

    [LibraryImport(LibLlama)]
    public static partial void llama_set_n_threads(SafeLlamaContextHandle ctx, int nThreads, int nThreadsBatch);

    [LibraryImport(LibLlama)] public static partial int llama_n_threads(SafeLlamaContextHandle ctx);
    [LibraryImport(LibLlama)] public static partial int llama_n_threads_batch(SafeLlamaContextHandle ctx);

    [LibraryImport(LibLlama)]
    public static partial void llama_set_embeddings(SafeLlamaContextHandle ctx, [MarshalAs(UnmanagedType.U1)] bool embeddings);

    [LibraryImport(LibLlama)]
    public static partial void llama_set_causal_attn(SafeLlamaContextHandle ctx, [MarshalAs(UnmanagedType.U1)] bool causalAttn);

    [LibraryImport(LibLlama)]
    public static partial void llama_set_abort_callback(SafeLlamaContextHandle ctx, delegate* unmanaged[Cdecl]<nint, byte> callback, nint data);

    [LibraryImport(LibLlama)]
    public static partial void llama_synchronize(SafeLlamaContextHandle ctx);

    [LibraryImport(LibLlama)]
    public static partial float* llama_get_logits(SafeLlamaContextHandle ctx);

    [LibraryImport(LibLlama)]
    public static partial float* llama_get_logits_ith(SafeLlamaContextHandle ctx, int i);

    [LibraryImport(LibLlama)]
    public static partial float* llama_get_embeddings(SafeLlamaContextHandle ctx);

    [LibraryImport(LibLlama)]
    public static partial float* llama_get_embeddings_ith(SafeLlamaContextHandle ctx, int i);

    [LibraryImport(LibLlama)]
    public static partial float* llama_get_embeddings_seq(SafeLlamaContextHandle ctx, int seqId);

    // Memory (KV cache) of a context; the handle lives as long as the context.
    [LibraryImport(LibLlama)]
    public static partial void llama_memory_clear(nint mem, [MarshalAs(UnmanagedType.U1)] bool data);

    [LibraryImport(LibLlama)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool llama_memory_seq_rm(nint mem, int seqId, int p0, int p1);

    [LibraryImport(LibLlama)]
    public static partial void llama_memory_seq_cp(nint mem, int seqIdSrc, int seqIdDst, int p0, int p1);

    [LibraryImport(LibLlama)]
    public static partial void llama_memory_seq_keep(nint mem, int seqId);

    [LibraryImport(LibLlama)]
    public static partial void llama_memory_seq_add(nint mem, int seqId, int p0, int p1, int delta);

    [LibraryImport(LibLlama)]
    public static partial void llama_memory_seq_div(nint mem, int seqId, int p0, int p1, int d);

    [LibraryImport(LibLlama)]
    public static partial int llama_memory_seq_pos_min(nint mem, int seqId);

    [LibraryImport(LibLlama)]
    public static partial int llama_memory_seq_pos_max(nint mem, int seqId);

    [LibraryImport(LibLlama)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool llama_memory_can_shift(nint mem);

    // State: whole context and per sequence.
    [LibraryImport(LibLlama)]
    public static partial nuint llama_state_get_size(SafeLlamaContextHandle ctx);

    [LibraryImport(LibLlama)]
    public static partial nuint llama_state_get_data(SafeLlamaContextHandle ctx, byte* dst, nuint size);

    [LibraryImport(LibLlama)]
    public static partial nuint llama_state_set_data(SafeLlamaContextHandle ctx, byte* src, nuint size);

    [LibraryImport(LibLlama, StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool llama_state_load_file(SafeLlamaContextHandle ctx, string pathSession, int* tokensOut, nuint nTokenCapacity, nuint* nTokenCountOut);

    [LibraryImport(LibLlama, StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool llama_state_save_file(SafeLlamaContextHandle ctx, string pathSession, int* tokens, nuint nTokenCount);

    [LibraryImport(LibLlama)]
    public static partial nuint llama_state_seq_get_size(SafeLlamaContextHandle ctx, int seqId);

    [LibraryImport(LibLlama)]
    public static partial nuint llama_state_seq_get_data(SafeLlamaContextHandle ctx, byte* dst, nuint size, int seqId);

    [LibraryImport(LibLlama)]
    public static partial nuint llama_state_seq_set_data(SafeLlamaContextHandle ctx, byte* src, nuint size, int destSeqId);

    [LibraryImport(LibLlama, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nuint llama_state_seq_save_file(SafeLlamaContextHandle ctx, string filepath, int seqId, int* tokens, nuint nTokenCount);

    [LibraryImport(LibLlama, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nuint llama_state_seq_load_file(SafeLlamaContextHandle ctx, string filepath, int destSeqId, int* tokensOut, nuint nTokenCapacity, nuint* nTokenCountOut);

    // Performance counters.
    [LibraryImport(LibLlama)]
    public static partial LlamaPerfContextData llama_perf_context(SafeLlamaContextHandle ctx);

    [LibraryImport(LibLlama)]
    public static partial void llama_perf_context_reset(SafeLlamaContextHandle ctx);

    [LibraryImport(LibLlama)]
    public static partial LlamaPerfSamplerData llama_perf_sampler(SafeLlamaSamplerHandle chain);

    [LibraryImport(LibLlama)]
    public static partial void llama_perf_sampler_reset(SafeLlamaSamplerHandle chain);
}
