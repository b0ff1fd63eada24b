using Inference.Native.Interop;

namespace Inference.Native;

/// <summary>The common fields of <c>llama_context_params</c>; <see cref="Configure"/> reaches the rest.</summary>
public sealed class LlamaContextOptions
{
    /// <summary>Total KV cells shared by all sequences (0 = the model's trained length).</summary>
    public uint ContextSize { get; init; } = 4096;

    /// <summary>Most tokens one llama_decode call may carry.</summary>
    public uint BatchSize { get; init; } = 2048;

    /// <summary>Physical micro-batch size.</summary>
    public uint MicroBatchSize { get; init; } = 512;

    /// <summary>Number of sequences (slots) the context holds at once.</summary>
    public uint SequenceCount { get; init; } = 1;

    /// <summary>Threads for single-token decoding; 0 = the machine's core count.</summary>
    public int Threads { get; init; }

    /// <summary>Threads for prompt / batched work; 0 = same as <see cref="Threads"/>.</summary>
    public int BatchThreads { get; init; }

    /// <summary>One KV buffer for all sequences (each sequence may then use the whole context).</summary>
    public bool UnifiedKvCache { get; init; } = true;

    public LlamaFlashAttnType FlashAttention { get; init; } = LlamaFlashAttnType.Auto;

    public bool Embeddings { get; init; }

    public LlamaPoolingType Pooling { get; init; } = LlamaPoolingType.Unspecified;

    public GgmlType KeyCacheType { get; init; } = GgmlType.F16;

    public GgmlType ValueCacheType { get; init; } = GgmlType.F16;

    public bool OffloadKqv { get; init; } = true;

    /// <summary>Collect llama.cpp's own timing counters.</summary>
    public bool CollectPerformance { get; init; }

    public Action<LlamaContextParamsEditor>? Configure { get; init; }

    internal LlamaContextParams ToNative()
    {
        var p = LlamaNative.llama_context_default_params();
        var threads = Threads > 0 ? Threads : Environment.ProcessorCount;
        p.n_ctx = ContextSize;
        p.n_batch = BatchSize;
        p.n_ubatch = Math.Min(MicroBatchSize, BatchSize);
        p.n_seq_max = SequenceCount;
        p.n_threads = threads;
        p.n_threads_batch = BatchThreads > 0 ? BatchThreads : threads;
        p.kv_unified = UnifiedKvCache;
        p.flash_attn_type = FlashAttention;
        p.embeddings = Embeddings;
        p.pooling_type = Pooling;
        p.type_k = KeyCacheType;
        p.type_v = ValueCacheType;
        p.offload_kqv = OffloadKqv;
        p.no_perf = !CollectPerformance;
        if (Configure is not null)
        {
            var editor = new LlamaContextParamsEditor(p);
            Configure(editor);
            p = editor.Params;
        }

        return p;
    }
}

/// <summary>Gives <see cref="LlamaContextOptions.Configure"/> write access to the raw struct.</summary>
public sealed class LlamaContextParamsEditor
{
    internal LlamaContextParams Params;

    internal LlamaContextParamsEditor(LlamaContextParams p) => Params = p;

    public ref LlamaContextParams Value => ref Params;
}
