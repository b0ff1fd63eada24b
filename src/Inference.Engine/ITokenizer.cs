namespace Inference.Engine;

/// <summary>Text to the model's tokens and back: what callers of the engine need of its vocabulary.</summary>
public interface ITokenizer
{
    /// <summary>Token ids run from 0 to this (exclusive).</summary>
    int VocabularySize { get; }

    /// <summary>The model expects a beginning-of-sequence token before a prompt.</summary>
    bool AddsBeginningOfSequence { get; }

    /// <summary>The end-of-sequence token's text, empty when the model has none.</summary>
    string EndOfSequenceText { get; }

    /// <summary>
    /// Tokenizes <paramref name="text"/>; <paramref name="addSpecial"/> adds the model's BOS/EOS as it wants them,
    /// <paramref name="parseSpecial"/> reads control tokens written as text (e.g. &lt;|im_start|&gt;).
    /// </summary>
    int[] Tokenize(string text, bool addSpecial, bool parseSpecial);

    /// <summary>The text of <paramref name="tokens"/>; <paramref name="renderSpecial"/> writes control tokens as their text.</summary>
    string Detokenize(ReadOnlySpan<int> tokens, bool renderSpecial);
}
