using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Tokenizers;

namespace Inference.Embeddings;

/// <summary>
/// A sentence-transformer exported to ONNX (a folder with <c>model.onnx</c> and <c>vocab.txt</c> or <c>tokenizer.json</c>):
/// BERT WordPiece tokens in, the token states mean-pooled over the attention mask and L2-normalised out.
/// The session is created once; its inputs are those the model declares (<c>token_type_ids</c> only if it has one).
/// </summary>
public sealed class OnnxEmbeddingModel : IEmbeddingModel
{
    private const string InputIds = "input_ids";
    private const string AttentionMask = "attention_mask";
    private const string TokenTypeIds = "token_type_ids";

    /// <summary>BERT's limit, for folders that name none.</summary>
    private const int DefaultMaxTokens = 512;

    private readonly InferenceSession _session;
    private readonly SessionOptions _sessionOptions;
    private readonly BertTokenizer _tokenizer;
    private readonly string[] _inputNames;
    private readonly TensorElementType _idType;
    private readonly string _outputName;

    /// <param name="threads">CPU threads the model may use: that many forward passes run at once, each on one thread.</param>
    public OnnxEmbeddingModel(string folder, int threads, OnnxDevice device = OnnxDevice.Cpu, EmbeddingQuantization quantization = EmbeddingQuantization.None)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        if (quantization == EmbeddingQuantization.Int8)
        {
            // ONNX Runtime's dynamic int8 matrix product has CPU kernels only.
            device = device == OnnxDevice.RequireCuda
                ? throw new ArgumentException("--embedding-quantize int8 runs on the CPU; it cannot be combined with --require-gpu.", nameof(quantization))
                : OnnxDevice.Cpu;
        }

        (_tokenizer, VocabularySize) = WordPieceTokenizerLoader.Load(folder);
        // One intra-op thread per Run and as many Runs at once as threads: a batch's small matrix products keep one
        // core busy but do not split well, and a shared intra-op pool pays a wake-up per operator (docs/embeddings.md).
        _sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
        };
        UsesCuda = device != OnnxDevice.Cpu && TryAppendCuda(_sessionOptions, device == OnnxDevice.RequireCuda);
        // On the GPU two Runs overlap one batch's copies with the other's kernels; more only queue on the device.
        ConcurrentEmbeds = UsesCuda ? 2 : threads;
        Quantization = quantization;
        var file = File.ReadAllBytes(Path.Combine(folder, "model.onnx"));
        _session = new InferenceSession(quantization == EmbeddingQuantization.Int8 ? OnnxInt8Quantizer.Quantize(file).Model : file, _sessionOptions);

        var inputs = _session.InputMetadata;
        if (!inputs.ContainsKey(InputIds) || !inputs.ContainsKey(AttentionMask))
        {
            throw new InvalidDataException($"{folder}/model.onnx does not take {InputIds} and {AttentionMask}: its inputs are {string.Join(", ", inputs.Keys)}.");
        }

        _inputNames = [.. inputs.Keys.Where(name => name is InputIds or AttentionMask or TokenTypeIds)];
        _idType = inputs[InputIds].ElementDataType;
        if (_idType is not (TensorElementType.Int64 or TensorElementType.Int32))
        {
            throw new InvalidDataException($"{folder}/model.onnx takes {_idType} token ids; int64 or int32 is supported.");
        }

        // Token states [batch, tokens, hidden]: sentence-transformers exports call them token_embeddings, plain BERT last_hidden_state.
        var output = _session.OutputMetadata
            .Where(o => o.Value.Dimensions.Length == 3)
            .OrderByDescending(o => o.Key is "token_embeddings" or "last_hidden_state")
            .Select(o => (KeyValuePair<string, NodeMetadata>?)o)
            .FirstOrDefault()
            ?? throw new InvalidDataException($"{folder}/model.onnx has no [batch, tokens, hidden] output to pool.");
        _outputName = output.Key;
        Dimensions = output.Value.Dimensions[2];
        MaxTokens = ReadMaxTokens(folder);
    }

    /// <summary>Whether the session runs on ONNX Runtime's CUDA execution provider (the GPU package in the CUDA image).</summary>
    public bool UsesCuda { get; }

    public EmbeddingQuantization Quantization { get; }

    public int ConcurrentEmbeds { get; }

    public bool PadsBatches => true;

    public int Dimensions { get; }

    public int MaxTokens { get; }

    public int VocabularySize { get; }

    public int SpecialTokenCount => 2;

    public int[] Tokenize(string text) =>
        [.. _tokenizer.EncodeToIds(text, addSpecialTokens: false, considerPreTokenization: true, considerNormalization: true)];

    public int[] Sequence(ReadOnlySpan<int> content)
    {
        var sequence = new int[content.Length + 2];
        sequence[0] = _tokenizer.ClassificationTokenId;
        content.CopyTo(sequence.AsSpan(1));
        sequence[^1] = _tokenizer.SeparatorTokenId;
        return sequence;
    }

    public float[][] Embed(IReadOnlyList<int[]> sequences)
    {
        var batch = sequences.Count;
        var length = sequences.Max(s => s.Length);
        long[] shape = [batch, length];

        var values = new OrtValue[_inputNames.Length];
        try
        {
            for (var i = 0; i < _inputNames.Length; i++)
            {
                values[i] = _inputNames[i] switch
                {
                    InputIds => Tensor(sequences, length, shape, (s, t) => s[t]),
                    AttentionMask => Tensor(sequences, length, shape, (_, _) => 1),
                    _ => Tensor(sequences, length, shape, (_, _) => 0),
                };
            }

            using var runOptions = new RunOptions();
            using var outputs = _session.Run(runOptions, _inputNames, values, [_outputName]);
            var states = outputs[0].GetTensorDataAsSpan<float>();
            var vectors = new float[batch][];
            for (var b = 0; b < batch; b++)
            {
                var vector = new float[Dimensions];
                VectorMath.MeanPool(states.Slice(b * length * Dimensions, length * Dimensions), sequences[b].Length, Dimensions, vector);
                VectorMath.Normalize(vector);
                vectors[b] = vector;
            }

            return vectors;
        }
        finally
        {
            foreach (var value in values)
            {
                value?.Dispose();
            }
        }
    }

    /// <summary>A [batch, length] tensor: <paramref name="at"/> on each sequence's tokens, 0 on the padding after them.</summary>
    private OrtValue Tensor(IReadOnlyList<int[]> sequences, int length, long[] shape, Func<int[], int, int> at)
    {
        if (_idType == TensorElementType.Int32)
        {
            var data = new int[sequences.Count * length];
            for (var b = 0; b < sequences.Count; b++)
            {
                for (var t = 0; t < sequences[b].Length; t++)
                {
                    data[(b * length) + t] = at(sequences[b], t);
                }
            }

            return OrtValue.CreateTensorValueFromMemory(data, shape);
        }

        var longs = new long[sequences.Count * length];
        for (var b = 0; b < sequences.Count; b++)
        {
            for (var t = 0; t < sequences[b].Length; t++)
            {
                longs[(b * length) + t] = at(sequences[b], t);
            }
        }

        return OrtValue.CreateTensorValueFromMemory(longs, shape);
    }

    /// <summary>sentence_bert_config.json's max_seq_length, else tokenizer_config.json's model_max_length, else 512.</summary>
    private static int ReadMaxTokens(string folder)
    {
        foreach (var (file, key) in new[] { ("sentence_bert_config.json", "max_seq_length"), ("tokenizer_config.json", "model_max_length") })
        {
            var path = Path.Combine(folder, file);
            if (!File.Exists(path))
            {
                continue;
            }

            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            if (document.RootElement.TryGetProperty(key, out var value) && value.TryGetInt32(out var max) && max is > 2 and <= 1_000_000)
            {
                return max;
            }
        }

        return DefaultMaxTokens;
    }

    // The CPU package lacks the entry point; the GPU package without a device, driver or cuDNN answers with the load
    // error. Either way a session without the provider still runs.
    private static bool TryAppendCuda(SessionOptions options, bool required)
    {
        try
        {
            options.AppendExecutionProvider_CUDA(0);
            return true;
        }
        catch (Exception ex) when (ex is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
        {
            return required
                ? throw new InvalidOperationException(
                    $"--require-gpu: ONNX Runtime's CUDA execution provider is not available for the embedding model ({ex.Message.Trim()}).", ex)
                : false;
        }
    }

    public void Dispose()
    {
        _session.Dispose();
        _sessionOptions.Dispose();
    }
}
