using Inference.Gguf;

namespace Inference.Models;

/// <summary>What a GGUF model is, from its header alone. Absent metadata is null.</summary>
public sealed record ModelSummary(
    string Path,
    long FileSizeBytes,
    string? Architecture,
    string? Name,
    long ParameterCount,
    int? FileType,
    string FileTypeName,
    long? ContextLength,
    long? EmbeddingLength,
    long? LayerCount,
    long? HeadCount,
    long? HeadCountKv,
    int? VocabularySize,
    string? TokenizerModel,
    string? TokenizerPre,
    bool HasChatTemplate,
    IReadOnlyDictionary<GgmlType, int> TensorTypeCounts);
