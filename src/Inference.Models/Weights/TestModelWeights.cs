using System.Text.Unicode;
using Inference.Gguf;
using Inference.Models.Tokenizer;

namespace Inference.Models.Weights;

/// <summary>
/// Seeded random weights that make greedy decoding identical whether a sequence is decoded alone or
/// batched (bit-identical logits for q8_0 and q4_0 on CPU; F16 and F32 keep llama.cpp's own rounding
/// differences, see models/README.md), while the output still depends on the input:
/// <list type="bullet">
/// <item>Every embedding is <see cref="Anchor"/> on all dimensions plus zero-mean random content. Matrices
/// that read the residual have zero-mean rows (they see only content); matrices that write it have zero-mean
/// columns (they never disturb the anchor). Only attention's queries and keys read the anchor.</item>
/// <item>Attention is positional and one-hot (<see cref="PositionalAttention"/>), so it is exact in every
/// kernel; through the layers the next token depends on the last dozen or so tokens.</item>
/// <item>Logits have a standard deviation of about <see cref="LogitScale"/>: the top-1/top-2 gap is
/// typically ~1, and sampling at temperature 1 still has a few plausible candidates.</item>
/// <item>Control tokens and tokens that are not complete UTF-8 get zero output rows (logit 0, far below
/// the maximum), so greedy text never stops early and is always valid UTF-8.</item>
/// </list>
/// Each tensor draws from its own generator stream, keyed by seed and tensor name.
/// </summary>
internal static class TestModelWeights
{
    private const float LogitScale = 4f;

    /// <summary>
    /// Constant added to every embedding dimension: the direction queries and keys read. Several times the
    /// content's RMS (the embedding's 1 plus what the layers add, ~1.9 after the last layer), so that content
    /// differences between positions barely change the residual's RMS and with it the keys' scale: at 2 (twice
    /// the embedding content) the last layers' keys varied enough between positions to make attention soft
    /// (see <see cref="PositionalAttention"/>). Larger costs content resolution in q8_0's activation blocks.
    /// </summary>
    private const float Anchor = 8f;

    /// <summary>RMS of all attention outputs together, relative to the embedding content: large, so that the
    /// next token depends on the last dozen or so tokens, not just the last one.</summary>
    private const float AttentionShare = 1.5f;

    /// <summary>RMS of all feed-forward outputs together, relative to the embedding content.</summary>
    private const float FeedForwardShare = 0.5f;

    /// <summary>RMS of silu(g)·u for unit-variance g and u, to scale the down projection.</summary>
    private const float SwiGluRms = 0.6f;

    public static IEnumerable<TensorPlan> Plan(TestModelPreset preset, ulong seed)
    {
        var embd = preset.EmbeddingLength;
        var ff = preset.FeedForwardLength;
        long vocab = preset.VocabularySize;

        // RMSNorm divides by the residual's rms (anchor, content, and what the layers add): reading
        // matrices scale back up by its typical value, the output matrix by its value after the last layer.
        var typicalRms = MathF.Sqrt((Anchor * Anchor) + 1 + (((AttentionShare * AttentionShare) + (FeedForwardShare * FeedForwardShare)) / 2));
        var contentRead = typicalRms / MathF.Sqrt(embd);
        var anchorRead = embd * Anchor / typicalRms;
        var finalContent = MathF.Sqrt(1 + (AttentionShare * AttentionShare) + (FeedForwardShare * FeedForwardShare));
        var outputRead = MathF.Sqrt((Anchor * Anchor) + (finalContent * finalContent)) / (finalContent * MathF.Sqrt(embd));
        var perAttention = AttentionShare / MathF.Sqrt(preset.LayerCount);
        var perFeedForward = FeedForwardShare / MathF.Sqrt(preset.LayerCount);
        var attentionWidth = preset.HeadCount * preset.HeadDimension;

        yield return new("token_embd.weight", [embd, vocab], (values, random) =>
        {
            WeightFill.UniformZeroMeanRows(values, embd, 1f, random);
            foreach (ref var value in values)
            {
                value += Anchor;
            }
        });

        for (var layer = 0; layer < preset.LayerCount; layer++)
        {
            var block = $"blk.{layer}.";
            var index = layer;
            yield return Ones(block + "attn_norm.weight", embd);
            yield return new(block + "attn_q.weight", [embd, attentionWidth], (values, _) => PositionalAttention.FillQueries(values, preset, index, seed, anchorRead));
            yield return new(block + "attn_k.weight", [embd, preset.KeyValueLength], (values, _) => PositionalAttention.FillKeys(values, preset, index, seed, anchorRead));
            yield return new(block + "attn_v.weight", [embd, preset.KeyValueLength], (values, random) => WeightFill.UniformZeroMeanRows(values, embd, contentRead, random));
            yield return new(block + "attn_output.weight", [attentionWidth, embd], (values, random) => WeightFill.UniformZeroMeanColumns(values, attentionWidth, perAttention / MathF.Sqrt(attentionWidth), random));
            yield return Ones(block + "ffn_norm.weight", embd);
            yield return new(block + "ffn_gate.weight", [embd, ff], (values, random) => WeightFill.UniformZeroMeanRows(values, embd, contentRead, random));
            yield return new(block + "ffn_up.weight", [embd, ff], (values, random) => WeightFill.UniformZeroMeanRows(values, embd, contentRead, random));
            yield return new(block + "ffn_down.weight", [ff, embd], (values, random) => WeightFill.UniformZeroMeanColumns(values, ff, perFeedForward / (SwiGluRms * MathF.Sqrt(ff)), random));
        }

        yield return Ones("output_norm.weight", embd);
        yield return new("output.weight", [embd, vocab], (values, random) =>
        {
            WeightFill.UniformZeroMeanRows(values, embd, LogitScale * outputRead, random);
            foreach (var id in SilentTokens())
            {
                values.Slice(id * embd, embd).Clear();
            }
        });
    }

    private static TensorPlan Ones(string name, int length) => new(name, [length], (values, _) => values.Fill(1f));

    /// <summary>Tokens that must never win greedy decoding: control tokens and partial UTF-8 sequences.</summary>
    private static IEnumerable<int> SilentTokens()
    {
        var vocabulary = TestVocabulary.Instance;
        return Enumerable.Range(0, vocabulary.Count)
            .Where(id => vocabulary.TokenTypes[id] == TokenType.Control || !Utf8.IsValid(vocabulary.TokenBytes(id)));
    }

    /// <summary>One tensor to write; <see cref="Fill"/> gets the generator stream of this tensor.</summary>
    internal sealed record TensorPlan(string Name, long[] Shape, Action<Span<float>, DeterministicRandom> Fill)
    {
        /// <summary>1-D tensors are norm weights, kept in F32 in every file type (llama.cpp's convention).</summary>
        public GgmlType StorageType(TestModelFileType fileType) =>
            fileType == TestModelFileType.F16 && Shape.Length > 1 ? GgmlType.F16 : GgmlType.F32;

        public void FillValues(Span<float> values, ulong seed) => Fill(values, DeterministicRandom.ForStream(seed, Name));
    }
}
