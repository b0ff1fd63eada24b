using System.Runtime.InteropServices;

namespace Inference.Native.Interop;

/// <summary>
/// Source-generated P/Invoke signatures for llama.h (release v0.5.0), one partial file per
/// area of the header. Library names are resolved by <see cref="NativeLibraryLoader"/>.
/// </summary>
public static unsafe partial class LlamaNative
{
    public const string LibLlama = "llama";
    public const string LibGgml = "ggml";
    public const string LibGgmlBase = "ggml-base";

    public const int DefaultSeed = unchecked((int)0xFFFFFFFF);
    public const int TokenNull = -1;

    [LibraryImport(LibLlama, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint llama_version();

    [LibraryImport(LibLlama)]
    public static partial LlamaModelParams llama_model_default_params();

    [LibraryImport(LibLlama)]
    public static partial LlamaContextParams llama_context_default_params();

    [LibraryImport(LibLlama)]
    public static partial LlamaSamplerChainParams llama_sampler_chain_default_params();

    [LibraryImport(LibLlama)]
    public static partial LlamaModelQuantizeParams llama_model_quantize_default_params();

    [LibraryImport(LibLlama)]
    public static partial void llama_backend_init();

    [LibraryImport(LibLlama)]
    public static partial void llama_backend_free();

    [LibraryImport(LibLlama)]
    public static partial void llama_numa_init(GgmlNumaStrategy numa);

    [LibraryImport(LibLlama)]
    public static partial long llama_time_us();

    [LibraryImport(LibLlama)]
    public static partial nuint llama_max_devices();

    [LibraryImport(LibLlama)]
    public static partial nuint llama_max_parallel_sequences();

    [LibraryImport(LibLlama)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool llama_supports_mmap();

    [LibraryImport(LibLlama)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool llama_supports_mlock();

    [LibraryImport(LibLlama)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool llama_supports_gpu_offload();

    [LibraryImport(LibLlama)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool llama_supports_rpc();

    [LibraryImport(LibLlama)]
    public static partial nint llama_print_system_info();

    [LibraryImport(LibLlama)]
    public static partial nint llama_ftype_name(LlamaFileType ftype);

    [LibraryImport(LibLlama)]
    public static partial nint llama_flash_attn_type_name(LlamaFlashAttnType type);

    [LibraryImport(LibLlama)]
    public static partial void llama_log_set(delegate* unmanaged[Cdecl]<GgmlLogLevel, byte*, nint, void> callback, nint userData);

    [LibraryImport(LibLlama, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int llama_split_path(byte* splitPath, nuint maxlen, string pathPrefix, int splitNo, int splitCount);

    [LibraryImport(LibLlama, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int llama_split_prefix(byte* splitPrefix, nuint maxlen, string splitPath, int splitNo, int splitCount);

    // ggml-base / ggml: backends are separate shared objects chosen at run time (CPU variants, CUDA).
    [LibraryImport(LibGgml, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void ggml_backend_load_all_from_path(string dirPath);

    [LibraryImport(LibGgml)]
    public static partial nuint ggml_backend_dev_count();

    [LibraryImport(LibGgml)]
    public static partial nint ggml_backend_dev_get(nuint index);

    [LibraryImport(LibGgmlBase)]
    public static partial nint ggml_backend_dev_name(nint device);

    [LibraryImport(LibGgmlBase)]
    public static partial nint ggml_backend_dev_description(nint device);

    /// <summary><c>GGML_BACKEND_DEVICE_TYPE_GPU</c>: a device with its own memory (CUDA).</summary>
    public const int GgmlBackendDeviceTypeGpu = 1;

    [LibraryImport(LibGgmlBase)]
    public static partial int ggml_backend_dev_type(nint device);
}
