using System.Runtime.InteropServices;

namespace Inference.Native.Interop;

public static unsafe partial class LlamaNative
{
    [LibraryImport(LibLlama, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint llama_model_load_from_file(string pathModel, LlamaModelParams parameters);

    [LibraryImport(LibLlama)]
    public static partial nint llama_model_load_from_splits(byte** paths, nuint nPaths, LlamaModelParams parameters);

    [LibraryImport(LibLlama, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void llama_model_save_to_file(SafeLlamaModelHandle model, string pathModel);

    [LibraryImport(LibLlama)]
    public static partial void llama_model_free(nint model);

    [LibraryImport(LibLlama)]
    public static partial nint llama_model_get_vocab(SafeLlamaModelHandle model);

    [LibraryImport(LibLlama)]
    public static partial LlamaRopeType llama_model_rope_type(SafeLlamaModelHandle model);

    [LibraryImport(LibLlama)]
    public static partial int llama_model_n_ctx_train(SafeLlamaModelHandle model);

    [LibraryImport(LibLlama)]
    public static partial int llama_model_n_embd(SafeLlamaModelHandle model);

    [LibraryImport(LibLlama)]
    public static partial int llama_model_n_embd_inp(SafeLlamaModelHandle model);

    [LibraryImport(LibLlama)]
    public static partial int llama_model_n_embd_out(SafeLlamaModelHandle model);

    [LibraryImport(LibLlama)]
    public static partial int llama_model_n_layer(SafeLlamaModelHandle model);

    [LibraryImport(LibLlama)]
    public static partial int llama_model_n_head(SafeLlamaModelHandle model);

    [LibraryImport(LibLlama)]
    public static partial int llama_model_n_head_kv(SafeLlamaModelHandle model);

    [LibraryImport(LibLlama)]
    public static partial int llama_model_n_swa(SafeLlamaModelHandle model);

    [LibraryImport(LibLlama)]
    public static partial float llama_model_rope_freq_scale_train(SafeLlamaModelHandle model);

    [LibraryImport(LibLlama)]
    public static partial uint llama_model_n_cls_out(SafeLlamaModelHandle model);

    [LibraryImport(LibLlama, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int llama_model_meta_val_str(SafeLlamaModelHandle model, string key, byte* buf, nuint bufSize);

    [LibraryImport(LibLlama)]
    public static partial int llama_model_meta_count(SafeLlamaModelHandle model);

    [LibraryImport(LibLlama)]
    public static partial int llama_model_meta_key_by_index(SafeLlamaModelHandle model, int i, byte* buf, nuint bufSize);

    [LibraryImport(LibLlama)]
    public static partial int llama_model_meta_val_str_by_index(SafeLlamaModelHandle model, int i, byte* buf, nuint bufSize);

    [LibraryImport(LibLlama)]
    public static partial int llama_model_desc(SafeLlamaModelHandle model, byte* buf, nuint bufSize);

    [LibraryImport(LibLlama)]
    public static partial LlamaFileType llama_model_ftype(SafeLlamaModelHandle model);

    [LibraryImport(LibLlama)]
    public static partial ulong llama_model_size(SafeLlamaModelHandle model);

    [LibraryImport(LibLlama, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint llama_model_chat_template(SafeLlamaModelHandle model, string? name);

    [LibraryImport(LibLlama)]
    public static partial ulong llama_model_n_params(SafeLlamaModelHandle model);

    [LibraryImport(LibLlama)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool llama_model_has_encoder(SafeLlamaModelHandle model);

    [LibraryImport(LibLlama)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool llama_model_has_decoder(SafeLlamaModelHandle model);

    [LibraryImport(LibLlama)]
    public static partial int llama_model_decoder_start_token(SafeLlamaModelHandle model);

    [LibraryImport(LibLlama)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool llama_model_is_recurrent(SafeLlamaModelHandle model);

    [LibraryImport(LibLlama)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool llama_model_is_hybrid(SafeLlamaModelHandle model);

    [LibraryImport(LibLlama)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool llama_model_is_diffusion(SafeLlamaModelHandle model);

    [LibraryImport(LibLlama, StringMarshalling = StringMarshalling.Utf8)]
    public static partial uint llama_model_quantize(string fnameInp, string fnameOut, LlamaModelQuantizeParams* parameters);

    [LibraryImport(LibLlama, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint llama_adapter_lora_init(SafeLlamaModelHandle model, string pathLora);

    [LibraryImport(LibLlama)]
    public static partial void llama_adapter_lora_free(nint adapter);

    [LibraryImport(LibLlama)]
    public static partial int llama_set_adapters_lora(SafeLlamaContextHandle ctx, nint* adapters, nuint nAdapters, float* scales);
}
