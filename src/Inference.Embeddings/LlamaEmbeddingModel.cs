using System.Globalization;
using System.Collections.Concurrent;
using Inference.Native;
using Inference.Native.Interop;

namespace Inference.Embeddings;

/// <summary>
/// A GGUF embedding model through llama.cpp: embedding contexts whose pooling comes from <c>--pooling</c> or the
/// model's <c>{arch}.pooling_type</c>; the inputs of a batch are separate sequences of one <c>llama_decode</c>, and each
/// sequence's pooled vector is L2-normalised. On the CPU the threads are split over up to <see cref="MaxContexts"/>
/// contexts of one model, each decoding its own batch (small batches gain little from more threads in one decode);
/// offloaded to a GPU, one context. The contexts are created once and their cells cleared after every batch.
/// </summary>
public sealed class LlamaEmbeddingModel : IEmbeddingModel
{
    /// <summary>Sequences (inputs) one decode may carry; the batcher's default batch is 32.</summary>
    public const int MaxSequences = 64;

    /// <summary>Most contexts on the CPU: each holds a full <see cref="ContextTokens"/> cache.</summary>
    public const int MaxContexts = 4;

    /// <summary>
    /// Tokens a batch should stay within: llama.cpp attends over all of a decode's tokens (masked per sequence) and
    /// writes an output row per token, so beyond its default micro-batch larger batches only get slower per input.
    /// </summary>
    public const int PreferredBatchTokens = 512;

    /// <summary>Cells of a context: the tokens of one batch. Also the longest input, unless the model was trained shorter.</summary>
    private const int ContextTokens = 8192;

    private readonly LlamaModel _model;
    private readonly ConcurrentQueue<Decoder> _free;
    private readonly Decoder[] _allDecoders;

    public LlamaEmbeddingModel(string path, int threads, string? pooling, int gpuLayers = -1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        LlamaBackend.Initialize();
        _model = LlamaModel.LoadFromFile(path, new LlamaModelOptions { GpuLayers = gpuLayers });
        var contexts = gpuLayers != 0 && LlamaBackend.SupportsGpuOffload ? 1 : Math.Min(threads, MaxContexts);
        var decoders = new List<Decoder>();
        try
        {
            Pooling = pooling is null ? PoolingFromMetadata(_model) : ParsePooling(pooling);
            for (var i = 0; i < contexts; i++)
            {
                decoders.Add(new Decoder(LlamaContext.Create(_model, new LlamaContextOptions
                {
                    ContextSize = ContextTokens,
                    BatchSize = ContextTokens,
                    // Pooled outputs need each sequence whole in one micro-batch.
                    MicroBatchSize = ContextTokens,
                    SequenceCount = MaxSequences,
                    // The threads split over the contexts, the first ones taking the remainder.
                    Threads = (threads / contexts) + (i < threads % contexts ? 1 : 0),
                    Embeddings = true,
                    Pooling = Pooling,
                })));
            }
        }
        catch
        {
            foreach (var decoder in decoders)
            {
                decoder.Dispose();
            }

            _model.Dispose();
            throw;
        }

        _allDecoders = [.. decoders];
        _free = new ConcurrentQueue<Decoder>(_allDecoders);

        var vocab = _model.Vocab;
        SpecialTokenCount = (vocab.AddBos ? 1 : 0) + (vocab.AddEos ? 1 : 0);
        MaxTokens = Math.Min(_model.ContextLengthTrained > 0 ? _model.ContextLengthTrained : ContextTokens, ContextTokens);
        Dimensions = _model.EmbeddingSize;
        VocabularySize = vocab.TokenCount;
    }

    public LlamaPoolingType Pooling { get; }

    public int ConcurrentEmbeds => _allDecoders.Length;

    public bool PadsBatches => false;

    public int Dimensions { get; }

    public int MaxTokens { get; }

    public int VocabularySize { get; }

    public int SpecialTokenCount { get; }

    public int[] Tokenize(string text) => _model.Vocab.Tokenize(text, addSpecial: false, parseSpecial: false);

    public int[] Sequence(ReadOnlySpan<int> content)
    {
        var vocab = _model.Vocab;
        var sequence = new List<int>(content.Length + SpecialTokenCount);
        if (vocab.AddBos)
        {
            sequence.Add(vocab.Bos);
        }

        sequence.AddRange(content);
        if (vocab.AddEos)
        {
            sequence.Add(vocab.Eos);
        }

        return [.. sequence];
    }

    public float[][] Embed(IReadOnlyList<int[]> sequences)
    {
        // The batcher forms batches of at most MaxBatch inputs and MaxBatchTokens padded tokens; both stay below ours.
        if (sequences.Count > MaxSequences || sequences.Sum(s => s.Length) > ContextTokens)
        {
            return [.. Chunk(sequences).SelectMany(Embed)];
        }

        // The batcher runs at most ConcurrentEmbeds calls at once, so a context is always free.
        if (!_free.TryDequeue(out var decoder))
        {
            throw new InvalidOperationException($"More than {_allDecoders.Length} concurrent Embed calls.");
        }

        try
        {
            return decoder.Embed(sequences, Pooling);
        }
        finally
        {
            _free.Enqueue(decoder);
        }
    }

    /// <summary>Splits an oversized batch into ones that fit the context.</summary>
    private static IEnumerable<IReadOnlyList<int[]>> Chunk(IReadOnlyList<int[]> sequences)
    {
        var chunk = new List<int[]>();
        var tokens = 0;
        foreach (var sequence in sequences)
        {
            if (chunk.Count > 0 && (chunk.Count == MaxSequences || tokens + sequence.Length > ContextTokens))
            {
                yield return chunk;
                chunk = [];
                tokens = 0;
            }

            chunk.Add(sequence);
            tokens += sequence.Length;
        }

        yield return chunk;
    }

    public static LlamaPoolingType ParsePooling(string pooling) => pooling switch
    {
        "mean" => LlamaPoolingType.Mean,
        "cls" => LlamaPoolingType.Cls,
        "last" => LlamaPoolingType.Last,
        _ => throw new ArgumentException($"Pooling must be mean, cls or last (got {pooling})."),
    };

    /// <summary>The model's <c>{arch}.pooling_type</c>; a model without one cannot embed unless --pooling names one.</summary>
    private static LlamaPoolingType PoolingFromMetadata(LlamaModel model)
    {
        var architecture = model.GetMetadata("general.architecture");
        var value = architecture is null ? null : model.GetMetadata(architecture + ".pooling_type");
        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var type)
            && (LlamaPoolingType)type is LlamaPoolingType.Mean or LlamaPoolingType.Cls or LlamaPoolingType.Last
                ? (LlamaPoolingType)type
                : throw new InvalidDataException(
                    $"{model.Path} declares no mean, cls or last pooling ({architecture}.pooling_type is {value ?? "absent"}): "
                    + "it is not an embedding model, or start the server with --pooling mean|cls|last.");
    }

    public void Dispose()
    {
        foreach (var decoder in _allDecoders)
        {
            decoder.Dispose();
        }

        _model.Dispose();
    }

    /// <summary>One context and its batch: used by one Embed call at a time.</summary>
    private sealed class Decoder(LlamaContext context) : IDisposable
    {
        private readonly LlamaBatch _batch = new(ContextTokens);

        public float[][] Embed(IReadOnlyList<int[]> sequences, LlamaPoolingType pooling)
        {
            _batch.Clear();
            for (var s = 0; s < sequences.Count; s++)
            {
                var tokens = sequences[s];
                for (var t = 0; t < tokens.Length; t++)
                {
                    _batch.Add(tokens[t], t, s, wantLogits: true);
                }
            }

            try
            {
                var result = context.Decode(_batch);
                if (result != 0)
                {
                    throw new LlamaException($"llama_decode failed ({result}) on {sequences.Count} embedding inputs.");
                }

                var vectors = new float[sequences.Count][];
                for (var s = 0; s < sequences.Count; s++)
                {
                    var pooled = context.GetSequenceEmbeddings(s);
                    if (pooled.IsEmpty)
                    {
                        throw new LlamaException($"llama.cpp returned no pooled embedding for sequence {s} (pooling {pooling}).");
                    }

                    vectors[s] = pooled.ToArray();
                    VectorMath.Normalize(vectors[s]);
                }

                return vectors;
            }
            finally
            {
                context.Memory.Clear();
            }
        }

        public void Dispose()
        {
            _batch.Dispose();
            context.Dispose();
        }
    }
}
