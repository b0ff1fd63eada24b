using Inference.Gguf;
using Inference.Models.Tokenizer;
using Inference.Models.Weights;

namespace Inference.Models;

/// <summary>
/// Writes llama-architecture GGUF models with seeded random weights and the test tokenizer.
/// The same preset, seed and file type always give a byte-identical file.
/// </summary>
public static class TestModelMaker
{
    public const ulong DefaultSeed = 42;

    /// <summary>
    /// Changes whenever the weights or tokenizer this class writes change, so caches of made models can key
    /// on it (also stored in the file as <see cref="GeneratorVersionKey"/>).
    /// 2: larger attention margin and anchor, so attention is one-hot in every layer (batch-invariant logits).
    /// </summary>
    public const uint GeneratorVersion = 2;

    public const string GeneratorVersionKey = "inference.test_model.generator_version";

    public static TestModel Make(TestModelPreset preset, string outputPath, ulong seed = DefaultSeed, TestModelFileType fileType = TestModelFileType.F16)
    {
        ArgumentNullException.ThrowIfNull(preset);
        ArgumentException.ThrowIfNullOrEmpty(outputPath);
        if (!Enum.IsDefined(fileType))
        {
            throw new ArgumentOutOfRangeException(nameof(fileType), fileType, "Test models are written as F32 or F16.");
        }

        var writer = new GgufWriter();
        AddMetadata(writer, preset, seed, fileType);
        foreach (var tensor in TestModelWeights.Plan(preset, seed))
        {
            writer.AddTensor(tensor.Name, tensor.StorageType(fileType), tensor.Shape, values => tensor.FillValues(values, seed));
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(outputPath));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        // Write beside the target and move into place, so a reader never sees half a model.
        var partial = outputPath + ".partial";
        writer.Write(partial);
        File.Move(partial, outputPath, overwrite: true);
        return new TestModel(outputPath, preset, fileType, seed, preset.ParameterCount, new FileInfo(outputPath).Length);
    }

    private static void AddMetadata(GgufWriter writer, TestModelPreset preset, ulong seed, TestModelFileType fileType)
    {
        const string arch = "llama";
        void Set(string key, GgufValue value) => writer.SetMetadata(ModelMetadataKeys.ForArchitecture(key, arch), value);

        var vocabulary = TestVocabulary.Instance;
        Set(ModelMetadataKeys.Architecture, GgufValue.String(arch));
        Set(ModelMetadataKeys.Type, GgufValue.String("model"));
        Set(ModelMetadataKeys.Name, GgufValue.String($"inference-test-{preset.Name}"));
        Set(ModelMetadataKeys.Description, GgufValue.String($"Random weights (seed {seed}) for testing; not a language model."));
        Set(ModelMetadataKeys.FileType, GgufValue.UInt32((uint)fileType));
        Set(GeneratorVersionKey, GgufValue.UInt32(GeneratorVersion));

        Set(ModelMetadataKeys.VocabSize, GgufValue.UInt32((uint)preset.VocabularySize));
        Set(ModelMetadataKeys.ContextLength, GgufValue.UInt32((uint)preset.ContextLength));
        Set(ModelMetadataKeys.EmbeddingLength, GgufValue.UInt32((uint)preset.EmbeddingLength));
        Set(ModelMetadataKeys.BlockCount, GgufValue.UInt32((uint)preset.LayerCount));
        Set(ModelMetadataKeys.FeedForwardLength, GgufValue.UInt32((uint)preset.FeedForwardLength));
        Set(ModelMetadataKeys.HeadCount, GgufValue.UInt32((uint)preset.HeadCount));
        Set(ModelMetadataKeys.HeadCountKv, GgufValue.UInt32((uint)preset.HeadCountKv));
        Set(ModelMetadataKeys.RopeDimensionCount, GgufValue.UInt32((uint)preset.HeadDimension));
        Set(ModelMetadataKeys.RopeFreqBase, GgufValue.Float32(preset.RopeFreqBase));
        Set(ModelMetadataKeys.RmsNormEpsilon, GgufValue.Float32(preset.RmsNormEpsilon));
        if (preset.PoolingType is { } pooling)
        {
            Set(ModelMetadataKeys.PoolingType, GgufValue.UInt32(pooling));
        }

        Set(ModelMetadataKeys.TokenizerModel, GgufValue.String("gpt2"));
        Set(ModelMetadataKeys.TokenizerPre, GgufValue.String(Qwen2PreTokenizer.Name));
        Set(ModelMetadataKeys.Tokens, GgufValue.Array(vocabulary.Tokens.ToArray()));
        Set(ModelMetadataKeys.TokenTypes, GgufValue.Array(vocabulary.TokenTypes.Select(t => (int)t).ToArray()));
        Set(ModelMetadataKeys.Merges, GgufValue.Array(vocabulary.Merges.ToArray()));
        Set(ModelMetadataKeys.BosTokenId, GgufValue.UInt32((uint)vocabulary.EndOfTextId));
        Set(ModelMetadataKeys.EosTokenId, GgufValue.UInt32((uint)vocabulary.ImEndId));
        Set(ModelMetadataKeys.EotTokenId, GgufValue.UInt32((uint)vocabulary.ImEndId));
        Set(ModelMetadataKeys.PaddingTokenId, GgufValue.UInt32((uint)vocabulary.PadId));
        Set(ModelMetadataKeys.AddBosToken, GgufValue.Bool(false));
        Set(ModelMetadataKeys.AddEosToken, GgufValue.Bool(false));
        Set(ModelMetadataKeys.ChatTemplate, GgufValue.String(ChatTemplates.ChatMl));
    }
}
