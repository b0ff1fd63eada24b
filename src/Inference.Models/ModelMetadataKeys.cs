namespace Inference.Models;

/// <summary>GGUF metadata keys as llama.cpp names them (llama-arch.cpp); <c>{0}</c> is the architecture.</summary>
public static class ModelMetadataKeys
{
    public const string Architecture = "general.architecture";
    public const string Type = "general.type";
    public const string Name = "general.name";
    public const string Description = "general.description";
    public const string FileType = "general.file_type";

    public const string VocabSize = "{0}.vocab_size";
    public const string ContextLength = "{0}.context_length";
    public const string EmbeddingLength = "{0}.embedding_length";
    public const string BlockCount = "{0}.block_count";
    public const string FeedForwardLength = "{0}.feed_forward_length";
    public const string HeadCount = "{0}.attention.head_count";
    public const string HeadCountKv = "{0}.attention.head_count_kv";
    public const string RmsNormEpsilon = "{0}.attention.layer_norm_rms_epsilon";
    public const string RopeDimensionCount = "{0}.rope.dimension_count";
    public const string RopeFreqBase = "{0}.rope.freq_base";
    public const string PoolingType = "{0}.pooling_type";

    public const string TokenizerModel = "tokenizer.ggml.model";
    public const string TokenizerPre = "tokenizer.ggml.pre";
    public const string Tokens = "tokenizer.ggml.tokens";
    public const string TokenTypes = "tokenizer.ggml.token_type";
    public const string Merges = "tokenizer.ggml.merges";
    public const string BosTokenId = "tokenizer.ggml.bos_token_id";
    public const string EosTokenId = "tokenizer.ggml.eos_token_id";
    public const string EotTokenId = "tokenizer.ggml.eot_token_id";
    public const string PaddingTokenId = "tokenizer.ggml.padding_token_id";
    public const string AddBosToken = "tokenizer.ggml.add_bos_token";
    public const string AddEosToken = "tokenizer.ggml.add_eos_token";
    public const string ChatTemplate = "tokenizer.chat_template";

    /// <summary>An architecture-scoped key, e.g. <c>ForArchitecture(ContextLength, "llama")</c> = "llama.context_length".</summary>
    public static string ForArchitecture(string key, string architecture) => key.Replace("{0}", architecture, StringComparison.Ordinal);
}
