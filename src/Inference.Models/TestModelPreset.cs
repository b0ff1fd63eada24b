using Inference.Models.Tokenizer;

namespace Inference.Models;

/// <summary>
/// Shape of a generated llama-architecture test model. All presets share the test tokenizer
/// (<see cref="TestVocabulary"/>) and an untied output matrix.
/// </summary>
public sealed record TestModelPreset(
    string Name,
    int EmbeddingLength,
    int LayerCount,
    int HeadCount,
    int HeadCountKv,
    int FeedForwardLength,
    int ContextLength)
{
    /// <summary>~19M parameters, 4 layers, grouped-query attention: fast enough for unit tests on two cores.
    /// Every row length is a multiple of 256, so k-quants apply to every matrix.</summary>
    public static TestModelPreset Tiny { get; } = new("tiny", EmbeddingLength: 256, LayerCount: 4, HeadCount: 4, HeadCountKv: 2, FeedForwardLength: 512, ContextLength: 4096);

    /// <summary>~134M parameters, GPT-2-small-like: for benchmarks.</summary>
    public static TestModelPreset Small { get; } = new("small", EmbeddingLength: 768, LayerCount: 12, HeadCount: 12, HeadCountKv: 12, FeedForwardLength: 2048, ContextLength: 8192);

    /// <summary>The tiny shape as an embedding model: mean pooling declared in its metadata, for llama.cpp's embedding context.</summary>
    public static TestModelPreset Embedding { get; } = Tiny with { Name = "embed", PoolingType = MeanPooling };

    public static IReadOnlyList<TestModelPreset> All { get; } = [Tiny, Small, Embedding];

    /// <summary>llama.cpp's LLAMA_POOLING_TYPE_MEAN.</summary>
    public const uint MeanPooling = 1;

    /// <summary>llama.cpp's pooling type, written as <c>{arch}.pooling_type</c>; null for a chat model.</summary>
    public uint? PoolingType { get; init; }

    public int VocabularySize => TestVocabulary.Size;

    public int HeadDimension => EmbeddingLength / HeadCount;

    public int KeyValueLength => HeadDimension * HeadCountKv;

    public float RopeFreqBase => 10000f;

    public float RmsNormEpsilon => 1e-5f;

    /// <summary>Elements of every tensor: embeddings, output, norms and the layer matrices.</summary>
    public long ParameterCount
    {
        get
        {
            long embd = EmbeddingLength;
            var perLayer = 2 * embd * embd + 2 * embd * KeyValueLength + 3 * embd * FeedForwardLength + 2 * embd;
            return 2 * embd * VocabularySize + embd + LayerCount * perLayer;
        }
    }

    public static TestModelPreset FromName(string name) =>
        TryFromName(name, out var preset)
            ? preset
            : throw new ArgumentException($"Unknown test model preset '{name}'; known presets: {string.Join(", ", All.Select(p => p.Name))}.", nameof(name));

    public static bool TryFromName(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TestModelPreset? preset)
    {
        preset = All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        return preset is not null;
    }
}
