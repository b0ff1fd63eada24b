using System.Runtime.InteropServices;
using Inference.Native.Interop;

namespace Inference.Native;

/// <summary>
/// Fails fast, with a message a person can act on, when the loaded library is not the pinned
/// release or when a struct's defaults read back wrong: a layout mismatch must stop here rather
/// than reach a user as memory corruption.
/// </summary>
internal static class LlamaSelfCheck
{
    public static void Run()
    {
        var version = Marshal.PtrToStringUTF8(LlamaNative.llama_version()) ?? "";
        if (version != LlamaBackend.PinnedVersion && !version.StartsWith(LlamaBackend.PinnedVersion + "-", StringComparison.Ordinal))
        {
            throw new LlamaException(
                $"The loaded llama.cpp reports version '{version}', but this build binds llama.h of v{LlamaBackend.PinnedVersion}. " +
                $"Use the libraries the build fetches (folder: {NativeLibraryLoader.Directory}).");
        }

        var failures = new List<string>();
        var ctx = LlamaNative.llama_context_default_params();
        Expect(failures, "llama_context_params.n_ctx", ctx.n_ctx, 512u);
        Expect(failures, "llama_context_params.n_batch", ctx.n_batch, 2048u);
        Expect(failures, "llama_context_params.n_ubatch", ctx.n_ubatch, 512u);
        Expect(failures, "llama_context_params.n_seq_max", ctx.n_seq_max, 1u);
        Expect(failures, "llama_context_params.n_outputs_max_per_seq", ctx.n_outputs_max_per_seq, 1u);
        Expect(failures, "llama_context_params.flash_attn_type", ctx.flash_attn_type, LlamaFlashAttnType.Auto);
        Expect(failures, "llama_context_params.yarn_ext_factor", ctx.yarn_ext_factor, -1.0f);
        Expect(failures, "llama_context_params.defrag_thold", ctx.defrag_thold, -1.0f);
        Expect(failures, "llama_context_params.type_k", ctx.type_k, GgmlType.F16);
        Expect(failures, "llama_context_params.type_v", ctx.type_v, GgmlType.F16);
        Expect(failures, "llama_context_params.offload_kqv", ctx.offload_kqv, true);
        Expect(failures, "llama_context_params.no_perf", ctx.no_perf, true);
        Expect(failures, "llama_context_params.kv_unified", ctx.kv_unified, false);
        Expect(failures, "llama_context_params.n_samplers", ctx.n_samplers, 0u);

        var model = LlamaNative.llama_model_default_params();
        Expect(failures, "llama_model_params.n_gpu_layers", model.n_gpu_layers, -1);
        Expect(failures, "llama_model_params.split_mode", model.split_mode, LlamaSplitMode.Layer);
        Expect(failures, "llama_model_params.load_mode", model.load_mode, LlamaLoadMode.Auto);
        Expect(failures, "llama_model_params.lazy_mode", model.lazy_mode, LlamaLazyMode.Auto);
        Expect(failures, "llama_model_params.use_extra_bufts", model.use_extra_bufts, true);
        Expect(failures, "llama_model_params.load_mtp", model.load_mtp, false);

        var quantize = LlamaNative.llama_model_quantize_default_params();
        Expect(failures, "llama_model_quantize_params.ftype", quantize.ftype, LlamaFileType.MostlyQ8_0);
        Expect(failures, "llama_model_quantize_params.output_tensor_type", quantize.output_tensor_type, GgmlType.Count);
        Expect(failures, "llama_model_quantize_params.quantize_output_tensor", quantize.quantize_output_tensor, true);

        if (failures.Count > 0)
        {
            throw new LlamaException(
                "llama.cpp struct defaults read back wrong; the binding's layout does not match the loaded library: " +
                string.Join("; ", failures));
        }
    }

    private static void Expect<T>(List<string> failures, string field, T actual, T expected)
    {
        if (!EqualityComparer<T>.Default.Equals(actual, expected))
        {
            failures.Add($"{field} = {actual}, expected {expected}");
        }
    }
}
