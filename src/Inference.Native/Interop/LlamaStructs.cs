using System.Runtime.InteropServices;

namespace Inference.Native.Interop;

// Blittable mirrors of the structs of llama.h (release v0.5.0). Field names and order are the
// C ones; LayoutKind.Sequential with natural alignment reproduces the C layout, and
// tests/Inference.Native.Tests compiles the header to check every offset and size.

[NativeStruct("llama_model_params")]
[StructLayout(LayoutKind.Sequential)]
public unsafe struct LlamaModelParams
{
    public nint devices;
    public nint tensor_buft_overrides;
    public int n_gpu_layers;
    public LlamaSplitMode split_mode;
    public LlamaLoadMode load_mode;
    public LlamaLazyMode lazy_mode;
    public int main_gpu;
    public float* tensor_split;
    public delegate* unmanaged[Cdecl]<float, nint, byte> progress_callback;
    public nint progress_callback_user_data;
    public LlamaModelKvOverride* kv_overrides;
    public bool vocab_only;
    public bool check_tensors;
    public bool use_extra_bufts;
    public bool no_host;
    public bool no_alloc;
    public bool load_mtp;
}

[NativeStruct("llama_context_params")]
[StructLayout(LayoutKind.Sequential)]
public unsafe struct LlamaContextParams
{
    public uint n_ctx;
    public uint n_batch;
    public uint n_ubatch;
    public uint n_seq_max;
    public uint n_rs_seq;
    public uint n_outputs_max;
    public uint n_outputs_max_per_seq;
    public int n_threads;
    public int n_threads_batch;
    public LlamaContextType ctx_type;
    public LlamaRopeScalingType rope_scaling_type;
    public LlamaPoolingType pooling_type;
    public LlamaAttentionType attention_type;
    public LlamaFlashAttnType flash_attn_type;
    public float rope_freq_base;
    public float rope_freq_scale;
    public float yarn_ext_factor;
    public float yarn_attn_factor;
    public float yarn_beta_fast;
    public float yarn_beta_slow;
    public uint yarn_orig_ctx;
    public float defrag_thold;
    public nint cb_eval;
    public nint cb_eval_user_data;
    public GgmlType type_k;
    public GgmlType type_v;
    public delegate* unmanaged[Cdecl]<nint, byte> abort_callback;
    public nint abort_callback_data;
    public bool embeddings;
    public bool offload_kqv;
    public bool no_perf;
    public bool op_offload;
    public bool swa_full;
    public bool kv_unified;
    public LlamaSamplerSeqConfig* samplers;
    public nuint n_samplers;
    public nint ctx_other;
}

[NativeStruct("llama_sampler_seq_config")]
[StructLayout(LayoutKind.Sequential)]
public struct LlamaSamplerSeqConfig
{
    public int seq_id;
    public nint sampler;
}

[NativeStruct("llama_batch")]
[StructLayout(LayoutKind.Sequential)]
public unsafe struct LlamaBatchNative
{
    public int n_tokens;
    public int* token;
    public float* embd;
    public int* pos;
    public int* n_seq_id;
    public int** seq_id;
    public sbyte* logits;
}

[NativeStruct("llama_token_data")]
[StructLayout(LayoutKind.Sequential)]
public struct LlamaTokenData
{
    public int id;
    public float logit;
    public float p;
}

[NativeStruct("llama_token_data_array")]
[StructLayout(LayoutKind.Sequential)]
public unsafe struct LlamaTokenDataArray
{
    public LlamaTokenData* data;
    public nuint size;
    public long selected;
    public bool sorted;
}

[NativeStruct("llama_logit_bias")]
[StructLayout(LayoutKind.Sequential)]
public struct LlamaLogitBias
{
    public int token;
    public float bias;
}

[NativeStruct("llama_sampler_chain_params")]
[StructLayout(LayoutKind.Sequential)]
public struct LlamaSamplerChainParams
{
    public bool no_perf;
}

[NativeStruct("llama_chat_message")]
[StructLayout(LayoutKind.Sequential)]
public unsafe struct LlamaChatMessage
{
    public byte* role;
    public byte* content;
}

[NativeStruct("llama_model_kv_override")]
[StructLayout(LayoutKind.Explicit, Size = 264)]
public unsafe struct LlamaModelKvOverride
{
    [FieldOffset(0)] public LlamaModelKvOverrideType tag;
    [FieldOffset(4)] public fixed byte key[128];
    // The anonymous union: int64 / double / bool / char[128].
    [FieldOffset(136)] public long val_i64;
    [FieldOffset(136)] public double val_f64;
    [FieldOffset(136)] public bool val_bool;
    [FieldOffset(136)] public fixed byte val_str[128];
}

[NativeStruct("llama_model_tensor_override")]
[StructLayout(LayoutKind.Sequential)]
public struct LlamaModelTensorOverride
{
    public nint pattern;
    public GgmlType type;
}

[NativeStruct("llama_model_imatrix_data")]
[StructLayout(LayoutKind.Sequential)]
public struct LlamaModelImatrixData
{
    public nint name;
    public nint data;
    public nuint size;
}

[NativeStruct("llama_model_quantize_params")]
[StructLayout(LayoutKind.Sequential)]
public unsafe struct LlamaModelQuantizeParams
{
    public int nthread;
    public LlamaFileType ftype;
    public GgmlType output_tensor_type;
    public GgmlType token_embedding_type;
    public bool allow_requantize;
    public bool quantize_output_tensor;
    public bool only_copy;
    public bool pure;
    public bool keep_split;
    public bool dry_run;
    public LlamaModelImatrixData* imatrix;
    public LlamaModelKvOverride* kv_overrides;
    public LlamaModelTensorOverride* tt_overrides;
    public int* prune_layers;
    public nuint max_buf_size;
}

[NativeStruct("llama_perf_context_data")]
[StructLayout(LayoutKind.Sequential)]
public struct LlamaPerfContextData
{
    public double t_start_ms;
    public double t_load_ms;
    public double t_p_eval_ms;
    public double t_eval_ms;
    public int n_p_eval;
    public int n_eval;
    public int n_reused;
}

[NativeStruct("llama_perf_sampler_data")]
[StructLayout(LayoutKind.Sequential)]
public struct LlamaPerfSamplerData
{
    public double t_sample_ms;
    public int n_sample;
}

[NativeStruct("ggml_threadpool_params")]
[StructLayout(LayoutKind.Sequential)]
public unsafe struct GgmlThreadpoolParams
{
    public fixed byte cpumask[512];
    public int n_threads;
    public GgmlSchedPriority prio;
    public uint poll;
    public bool strict_cpu;
    public bool paused;
}
