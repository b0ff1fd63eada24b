using Inference.Native;

namespace Inference.Engine;

/// <summary><see cref="ITokenizer"/> over a llama.cpp vocabulary. Thread-safe: llama.cpp's tokenizer calls keep no shared state.</summary>
public sealed class LlamaTokenizer(LlamaModel model) : ITokenizer
{
    private readonly LlamaVocab _vocab = model.Vocab;

    public int VocabularySize => _vocab.TokenCount;

    public bool AddsBeginningOfSequence => _vocab.AddBos;

    public string EndOfSequenceText => _vocab.GetSpecialText(_vocab.Eos);

    public int[] Tokenize(string text, bool addSpecial, bool parseSpecial) => _vocab.Tokenize(text, addSpecial, parseSpecial);

    public string Detokenize(ReadOnlySpan<int> tokens, bool renderSpecial) =>
        _vocab.Detokenize(tokens, removeSpecial: !renderSpecial, unparseSpecial: renderSpecial);
}
