using System.Runtime.InteropServices;
using System.Text;
using Inference.Native.Interop;

namespace Inference.Native;

/// <summary>The tokenizer of a model. Thread-safe (llama.cpp's tokenizer API is).</summary>
public sealed unsafe class LlamaVocab
{
    private readonly LlamaModel _model;
    private readonly nint _vocab;

    internal LlamaVocab(LlamaModel model, nint vocab)
    {
        _model = model;
        _vocab = vocab;
        TokenCount = LlamaNative.llama_vocab_n_tokens(vocab);
        Bos = LlamaNative.llama_vocab_bos(vocab);
        Eos = LlamaNative.llama_vocab_eos(vocab);
        Eot = LlamaNative.llama_vocab_eot(vocab);
        Newline = LlamaNative.llama_vocab_nl(vocab);
        Pad = LlamaNative.llama_vocab_pad(vocab);
        AddBos = LlamaNative.llama_vocab_get_add_bos(vocab);
        AddEos = LlamaNative.llama_vocab_get_add_eos(vocab);
        Type = LlamaNative.llama_vocab_type(vocab);
    }

    /// <summary>The raw <c>llama_vocab*</c>; valid while the model lives.</summary>
    public nint NativePointer => _vocab;

    public LlamaModel Model => _model;

    public int TokenCount { get; }

    public LlamaVocabType Type { get; }

    /// <summary>Beginning-of-sequence token, or -1.</summary>
    public int Bos { get; }

    /// <summary>End-of-sequence token, or -1.</summary>
    public int Eos { get; }

    /// <summary>End-of-turn token, or -1.</summary>
    public int Eot { get; }

    public int Newline { get; }

    public int Pad { get; }

    public bool AddBos { get; }

    public bool AddEos { get; }

    /// <summary>True for tokens that end generation (EOS, EOT, and the model's other end tokens).</summary>
    public bool IsEndOfGeneration(int token) => LlamaNative.llama_vocab_is_eog(_vocab, token);

    public bool IsControl(int token) => LlamaNative.llama_vocab_is_control(_vocab, token);

    public LlamaTokenAttr GetAttributes(int token) => LlamaNative.llama_vocab_get_attr(_vocab, token);

    public float GetScore(int token) => LlamaNative.llama_vocab_get_score(_vocab, token);

    /// <summary>The token's text as stored in the vocab (byte-level BPE shows its encoded form).</summary>
    public string GetText(int token) => Marshal.PtrToStringUTF8(LlamaNative.llama_vocab_get_text(_vocab, token)) ?? "";

    /// <summary>Text of a special token such as BOS/EOS rendered as text, or "" when the id is -1.</summary>
    public string GetSpecialText(int token) => token < 0 ? "" : Detokenize([token], removeSpecial: false, unparseSpecial: true);

    public int[] Tokenize(string text, bool addSpecial, bool parseSpecial)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        return Tokenize(utf8, addSpecial, parseSpecial);
    }

    public int[] Tokenize(ReadOnlySpan<byte> utf8, bool addSpecial, bool parseSpecial)
    {
        var tokens = new int[utf8.Length + 8];
        var count = Tokenize(utf8, tokens, addSpecial, parseSpecial);
        if (count < 0)
        {
            tokens = new int[-count];
            count = Tokenize(utf8, tokens, addSpecial, parseSpecial);
        }

        return count == tokens.Length ? tokens : tokens.AsSpan(0, count).ToArray();
    }

    /// <summary>Tokenizes into <paramref name="destination"/>; a negative result is the capacity needed.</summary>
    public int Tokenize(ReadOnlySpan<byte> utf8, Span<int> destination, bool addSpecial, bool parseSpecial)
    {
        int result;
        fixed (byte* text = utf8)
        fixed (int* tokens = destination)
        {
            result = LlamaNative.llama_tokenize(_vocab, text, utf8.Length, tokens, destination.Length, addSpecial, parseSpecial);
        }

        GC.KeepAlive(_model);
        if (result == int.MinValue)
        {
            throw new LlamaException("Tokenization overflowed (the text is too long).");
        }

        return result;
    }

    public string Detokenize(ReadOnlySpan<int> tokens, bool removeSpecial, bool unparseSpecial)
    {
        var buffer = new byte[Math.Max(16, tokens.Length * 8)];
        var length = Detokenize(tokens, buffer, removeSpecial, unparseSpecial);
        if (length < 0)
        {
            buffer = new byte[-length];
            length = Detokenize(tokens, buffer, removeSpecial, unparseSpecial);
        }

        return Encoding.UTF8.GetString(buffer, 0, length);
    }

    /// <summary>Detokenizes into UTF-8 bytes; a negative result is the capacity needed.</summary>
    public int Detokenize(ReadOnlySpan<int> tokens, Span<byte> destination, bool removeSpecial, bool unparseSpecial)
    {
        int result;
        fixed (int* t = tokens)
        fixed (byte* text = destination)
        {
            result = LlamaNative.llama_detokenize(_vocab, t, tokens.Length, text, destination.Length, removeSpecial, unparseSpecial);
        }

        GC.KeepAlive(_model);
        return result;
    }

    /// <summary>
    /// The UTF-8 bytes of one token (possibly part of a multi-byte character). Returns the length,
    /// or the negated size needed when <paramref name="destination"/> is too small.
    /// </summary>
    public int TokenToPiece(int token, Span<byte> destination, bool special)
    {
        int result;
        fixed (byte* buf = destination)
        {
            result = LlamaNative.llama_token_to_piece(_vocab, token, buf, destination.Length, 0, special);
        }

        GC.KeepAlive(_model);
        return result;
    }

    public byte[] TokenToPiece(int token, bool special)
    {
        Span<byte> buffer = stackalloc byte[64];
        var length = TokenToPiece(token, buffer, special);
        if (length >= 0)
        {
            return buffer[..length].ToArray();
        }

        var large = new byte[-length];
        length = TokenToPiece(token, large, special);
        return large[..length];
    }
}
