using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Inference.Native.Interop;

namespace Inference.Native;

/// <summary>A loaded model. Disposing it while contexts use it is safe: the weights stay until the last context goes.</summary>
public sealed unsafe class LlamaModel : IDisposable
{
    private LlamaModel(SafeLlamaModelHandle handle, string path)
    {
        Handle = handle;
        Path = path;
        Vocab = new LlamaVocab(this, LlamaNative.llama_model_get_vocab(handle));
    }

    public SafeLlamaModelHandle Handle { get; }

    public string Path { get; }

    public LlamaVocab Vocab { get; }

    public int ContextLengthTrained => LlamaNative.llama_model_n_ctx_train(Handle);

    public int EmbeddingSize => LlamaNative.llama_model_n_embd(Handle);

    public int LayerCount => LlamaNative.llama_model_n_layer(Handle);

    public int HeadCount => LlamaNative.llama_model_n_head(Handle);

    public int HeadCountKv => LlamaNative.llama_model_n_head_kv(Handle);

    public ulong ParameterCount => LlamaNative.llama_model_n_params(Handle);

    public ulong SizeInBytes => LlamaNative.llama_model_size(Handle);

    public LlamaFileType FileType => LlamaNative.llama_model_ftype(Handle);

    public string FileTypeName => Marshal.PtrToStringUTF8(LlamaNative.llama_ftype_name(FileType)) ?? "";

    public LlamaRopeType RopeType => LlamaNative.llama_model_rope_type(Handle);

    public bool HasEncoder => LlamaNative.llama_model_has_encoder(Handle);

    public bool HasDecoder => LlamaNative.llama_model_has_decoder(Handle);

    public bool IsRecurrent => LlamaNative.llama_model_is_recurrent(Handle);

    public bool IsHybrid => LlamaNative.llama_model_is_hybrid(Handle);

    /// <summary>A short description such as "llama 15M F16".</summary>
    public string Description => ReadString((buf, size) => LlamaNative.llama_model_desc(Handle, buf, size));

    /// <summary>The chat template stored in the file (<c>tokenizer.chat_template[.name]</c>), or null.</summary>
    public string? GetChatTemplate(string? name = null) =>
        Marshal.PtrToStringUTF8(LlamaNative.llama_model_chat_template(Handle, name));

    /// <summary>A scalar metadata value as text, or null when the key is absent (arrays are not supported by llama.cpp here).</summary>
    public string? GetMetadata(string key)
    {
        var length = LlamaNative.llama_model_meta_val_str(Handle, key, null, 0);
        return length < 0 ? null : ReadString((buf, size) => LlamaNative.llama_model_meta_val_str(Handle, key, buf, size), length);
    }

    /// <summary>All scalar metadata, in file order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Metadata
    {
        get
        {
            var count = LlamaNative.llama_model_meta_count(Handle);
            var result = new List<KeyValuePair<string, string>>(count);
            for (var i = 0; i < count; i++)
            {
                var index = i;
                var key = ReadString((buf, size) => LlamaNative.llama_model_meta_key_by_index(Handle, index, buf, size));
                var value = ReadString((buf, size) => LlamaNative.llama_model_meta_val_str_by_index(Handle, index, buf, size));
                result.Add(new(key, value));
            }

            return result;
        }
    }

    /// <summary>
    /// Loads a GGUF file. Progress is reported through <see cref="LlamaModelOptions.Progress"/>;
    /// cancelling <paramref name="cancellationToken"/> aborts the load between progress steps.
    /// </summary>
    public static LlamaModel LoadFromFile(string path, LlamaModelOptions? options = null, CancellationToken cancellationToken = default)
    {
        LlamaBackend.Initialize();
        options ??= new LlamaModelOptions();
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Model file not found: {path}", path);
        }

        var p = LlamaNative.llama_model_default_params();
        p.n_gpu_layers = options.GpuLayers;
        p.split_mode = options.SplitMode;
        p.main_gpu = options.MainGpu;
        p.load_mode = options.LoadMode;
        p.vocab_only = options.VocabOnly;
        p.check_tensors = options.CheckTensors;
        if (options.Configure is not null)
        {
            var editor = new LlamaModelParamsEditor(p);
            options.Configure(editor);
            p = editor.Params;
        }

        var state = new LoadProgressState(options.Progress, cancellationToken);
        var stateHandle = GCHandle.Alloc(state);
        try
        {
            p.progress_callback = &OnProgress;
            p.progress_callback_user_data = GCHandle.ToIntPtr(stateHandle);
            var raw = LlamaNative.llama_model_load_from_file(path, p);
            if (raw == nint.Zero)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new LlamaException($"llama.cpp could not load the model '{path}' (see the llama.cpp log for the reason).");
            }

            return new LlamaModel(new SafeLlamaModelHandle(raw), path);
        }
        finally
        {
            stateHandle.Free();
        }
    }

    /// <summary>Writes the model (weights as loaded) to a GGUF file.</summary>
    public void SaveToFile(string path) => LlamaNative.llama_model_save_to_file(Handle, path);

    public void Dispose() => Handle.Dispose();

    internal delegate int StringReader(byte* buffer, nuint size);

    /// <summary>Calls a llama.cpp "write into buf, return length" function, growing the buffer as needed.</summary>
    internal static string ReadString(StringReader read, int knownLength = 256)
    {
        var size = Math.Max(knownLength + 1, 64);
        while (true)
        {
            var buffer = new byte[size];
            int length;
            fixed (byte* p = buffer)
            {
                length = read(p, (nuint)size);
            }

            if (length < 0)
            {
                return "";
            }

            if (length < size)
            {
                return Encoding.UTF8.GetString(buffer, 0, length);
            }

            size = length + 1;
        }
    }

    private sealed record LoadProgressState(IProgress<float>? Progress, CancellationToken Cancellation);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static byte OnProgress(float progress, nint userData)
    {
        var state = (LoadProgressState)GCHandle.FromIntPtr(userData).Target!;
        state.Progress?.Report(progress);
        return state.Cancellation.IsCancellationRequested ? (byte)0 : (byte)1;
    }
}
