using System.Runtime.InteropServices;

namespace Inference.Native.Interop;

// The vocab pointer is owned by its model; callers keep the model alive (LlamaVocab does).
public static unsafe partial class LlamaNative
{
    [LibraryImport(LibLlama)]
    public static partial LlamaVocabType llama_vocab_type(nint vocab);

    [LibraryImport(LibLlama)]
    public static partial int llama_vocab_n_tokens(nint vocab);

    [LibraryImport(LibLlama)]
    public static partial nint llama_vocab_get_text(nint vocab, int token);

    [LibraryImport(LibLlama)]
    public static partial float llama_vocab_get_score(nint vocab, int token);

    [LibraryImport(LibLlama)]
    public static partial LlamaTokenAttr llama_vocab_get_attr(nint vocab, int token);

    [LibraryImport(LibLlama)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool llama_vocab_is_eog(nint vocab, int token);

    [LibraryImport(LibLlama)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool llama_vocab_is_control(nint vocab, int token);

    [LibraryImport(LibLlama)] public static partial int llama_vocab_bos(nint vocab);
    [LibraryImport(LibLlama)] public static partial int llama_vocab_eos(nint vocab);
    [LibraryImport(LibLlama)] public static partial int llama_vocab_eot(nint vocab);
    [LibraryImport(LibLlama)] public static partial int llama_vocab_sep(nint vocab);
    [LibraryImport(LibLlama)] public static partial int llama_vocab_nl(nint vocab);
    [LibraryImport(LibLlama)] public static partial int llama_vocab_pad(nint vocab);
    [LibraryImport(LibLlama)] public static partial int llama_vocab_mask(nint vocab);
    [LibraryImport(LibLlama)] public static partial int llama_vocab_fim_pre(nint vocab);
    [LibraryImport(LibLlama)] public static partial int llama_vocab_fim_suf(nint vocab);
    [LibraryImport(LibLlama)] public static partial int llama_vocab_fim_mid(nint vocab);

    [LibraryImport(LibLlama)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool llama_vocab_get_add_bos(nint vocab);

    [LibraryImport(LibLlama)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool llama_vocab_get_add_eos(nint vocab);

    [LibraryImport(LibLlama)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool llama_vocab_get_add_sep(nint vocab);

    [LibraryImport(LibLlama)]
    public static partial int llama_tokenize(
        nint vocab, byte* text, int textLen, int* tokens, int nTokensMax,
        [MarshalAs(UnmanagedType.U1)] bool addSpecial,
        [MarshalAs(UnmanagedType.U1)] bool parseSpecial);

    [LibraryImport(LibLlama)]
    public static partial int llama_token_to_piece(
        nint vocab, int token, byte* buf, int length, int lstrip,
        [MarshalAs(UnmanagedType.U1)] bool special);

    [LibraryImport(LibLlama)]
    public static partial int llama_detokenize(
        nint vocab, int* tokens, int nTokens, byte* text, int textLenMax,
        [MarshalAs(UnmanagedType.U1)] bool removeSpecial,
        [MarshalAs(UnmanagedType.U1)] bool unparseSpecial);

    [LibraryImport(LibLlama)]
    public static partial int llama_chat_apply_template(
        byte* tmpl, LlamaChatMessage* chat, nuint nMsg,
        [MarshalAs(UnmanagedType.U1)] bool addAss,
        byte* buf, int length);

    [LibraryImport(LibLlama)]
    public static partial int llama_chat_builtin_templates(nint* output, nuint len);
}
