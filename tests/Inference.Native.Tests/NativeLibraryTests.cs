using Inference.Native.Interop;

namespace Inference.Native.Tests;

public class NativeLibraryTests
{
    [Fact]
    public void Library_loads_and_reports_the_pinned_release()
    {
        LlamaBackend.Initialize();

        Assert.StartsWith(LlamaBackend.PinnedVersion, LlamaBackend.Version, StringComparison.Ordinal);
        Assert.EndsWith(Path.Combine("runtimes", "linux-x64", "native", "cpu"), NativeLibraryLoader.Directory, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cpu_backend_variant_is_picked_at_run_time()
    {
        LlamaBackend.Initialize();

        Assert.Contains(LlamaBackend.Devices, d => d.Name.StartsWith("CPU", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("CPU", LlamaBackend.SystemInfo, StringComparison.Ordinal);
    }

    [Fact]
    public void Context_params_defaults_read_back_as_the_header_says()
    {
        LlamaBackend.Initialize();
        var p = LlamaNative.llama_context_default_params();

        Assert.Equal(512u, p.n_ctx);
        Assert.Equal(2048u, p.n_batch);
        Assert.Equal(512u, p.n_ubatch);
        Assert.Equal(1u, p.n_seq_max);
        Assert.Equal(0u, p.n_rs_seq);
        Assert.Equal(0u, p.n_outputs_max);
        Assert.Equal(1u, p.n_outputs_max_per_seq);
        Assert.Equal(LlamaContextType.Default, p.ctx_type);
        Assert.Equal(LlamaRopeScalingType.Unspecified, p.rope_scaling_type);
        Assert.Equal(LlamaPoolingType.Unspecified, p.pooling_type);
        Assert.Equal(LlamaAttentionType.Unspecified, p.attention_type);
        Assert.Equal(LlamaFlashAttnType.Auto, p.flash_attn_type);
        Assert.Equal(0f, p.rope_freq_base);
        Assert.Equal(-1f, p.yarn_ext_factor);
        Assert.Equal(-1f, p.yarn_beta_slow);
        Assert.Equal(0u, p.yarn_orig_ctx);
        Assert.Equal(-1f, p.defrag_thold);
        Assert.Equal(nint.Zero, p.cb_eval);
        Assert.Equal(GgmlType.F16, p.type_k);
        Assert.Equal(GgmlType.F16, p.type_v);
        Assert.False(p.embeddings);
        Assert.True(p.offload_kqv);
        Assert.True(p.no_perf);
        Assert.True(p.op_offload);
        Assert.True(p.swa_full);
        Assert.False(p.kv_unified);
        Assert.Equal(0u, p.n_samplers);
        Assert.Equal(nint.Zero, p.ctx_other);
    }

    [Fact]
    public unsafe void Model_and_quantize_params_defaults_read_back_as_the_header_says()
    {
        LlamaBackend.Initialize();
        var m = LlamaNative.llama_model_default_params();
        Assert.Equal(nint.Zero, m.devices);
        Assert.Equal(-1, m.n_gpu_layers);
        Assert.Equal(LlamaSplitMode.Layer, m.split_mode);
        Assert.Equal(LlamaLoadMode.Auto, m.load_mode);
        Assert.Equal(LlamaLazyMode.Auto, m.lazy_mode);
        Assert.Equal(0, m.main_gpu);
        Assert.True(m.tensor_split == null);
        Assert.False(m.vocab_only);
        Assert.False(m.check_tensors);
        Assert.True(m.use_extra_bufts);
        Assert.False(m.no_host);
        Assert.False(m.no_alloc);
        Assert.False(m.load_mtp);

        var q = LlamaNative.llama_model_quantize_default_params();
        Assert.Equal(0, q.nthread);
        Assert.Equal(LlamaFileType.MostlyQ8_0, q.ftype);
        Assert.Equal(GgmlType.Count, q.output_tensor_type);
        Assert.Equal(GgmlType.Count, q.token_embedding_type);
        Assert.False(q.allow_requantize);
        Assert.True(q.quantize_output_tensor);
        Assert.False(q.dry_run);
        Assert.True(q.max_buf_size > 0);

        Assert.True(LlamaNative.llama_sampler_chain_default_params().no_perf);
    }
}
