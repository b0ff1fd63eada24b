namespace Inference.Embeddings;

/// <summary>
/// One embedding model as the batcher drives it: tokenization (cheap, on the caller's thread) and a batched
/// forward pass (on the batcher's worker thread only). Sequences carry the model's special tokens.
/// </summary>
public interface IEmbeddingModel : IDisposable
{
    /// <summary>Length of every vector.</summary>
    int Dimensions { get; }

    /// <summary>Most tokens one input may have, special tokens included.</summary>
    int MaxTokens { get; }

    /// <summary>Token ids below this are valid input.</summary>
    int VocabularySize { get; }

    /// <summary>Special tokens <see cref="Sequence"/> adds around the content.</summary>
    int SpecialTokenCount { get; }

    /// <summary>The text's tokens, without special tokens.</summary>
    int[] Tokenize(string text);

    /// <summary>The model's input for content tokens: the special tokens added.</summary>
    int[] Sequence(ReadOnlySpan<int> content);

    /// <summary>How many calls of <see cref="Embed"/> may run at once: the batcher's workers (an ONNX Runtime session takes several; a llama.cpp context one).</summary>
    int ConcurrentEmbeds { get; }

    /// <summary>Whether a batch costs its longest input times its inputs (a padded tensor) rather than its real tokens (llama.cpp's flat batch).</summary>
    bool PadsBatches { get; }

    /// <summary>One L2-normalised vector per sequence. Called from at most <see cref="ConcurrentEmbeds"/> threads at once.</summary>
    float[][] Embed(IReadOnlyList<int[]> sequences);
}
