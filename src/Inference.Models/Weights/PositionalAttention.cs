namespace Inference.Models.Weights;

/// <summary>
/// Query and key matrices that make every head attend to exactly one earlier token, a fixed offset back.
/// <para>
/// Why: llama.cpp's CPU flash attention accumulates a single token's attention in F16 but a batch's in
/// F32, so a soft mixture of values differs between decoding alone and batched by ~1e-3, enough to flip
/// close greedy choices. A one-hot softmax copies one value row exactly in both kernels.
/// </para>
/// <para>
/// How: queries and keys read only the anchor (the constant part of the residual, see
/// <see cref="TestModelWeights"/>), so they are the same vector at every position before RoPE. Each head
/// uses the <see cref="Pairs"/> fastest RoPE pairs, with the query phase shifted by offset·θ against the key
/// phase: the score then peaks at that offset and every other position (up to 8192 back) scores at least
/// <see cref="Margin"/> lower, so the softmax is one-hot to far below float resolution.
/// </para>
/// <para>
/// The margin must survive RMSNorm: keys are divided by their position's residual RMS, which varies with the
/// content the layers add, so in deep layers a neighbour with a smaller RMS (a longer key) closes part of the
/// gap. Measured on the tiny preset (q8_0): with a margin of 40 and anchor 2 the actual gap fell to 2.5 in layer
/// 2 and 1.0 in layer 3, so attention there was soft and the kernels disagreed (1.9e-1 on the logits between
/// a single-token decode and a batch of ≥ 64 tokens, which takes ggml's tiled flash attention); with the
/// margin and anchor now used it stays above 200 in every layer. Any gap above ~104 makes exp(−gap) underflow
/// to exactly 0 in F32, so no other position contributes even a rounding error, in any kernel.
/// </para>
/// </summary>
internal static class PositionalAttention
{
    /// <summary>Fastest RoPE pairs used; with 8, the worst runner-up is always the neighbour, 1.07 units below.</summary>
    private const int Pairs = 8;

    /// <summary>min over k ≥ 1 of Σ_i (1 − cos(k·θ_i)) for the first <see cref="Pairs"/> pairs, head dim 64, base 10000.</summary>
    private const float WorstRunnerUpGap = 1.07f;

    /// <summary>
    /// Designed softmax logit gap between the attended position and any other, at equal residual RMS. Large
    /// (see the remarks above): the real gap shrinks in deep layers and must stay above ~104 everywhere.
    /// </summary>
    private const float Margin = 300f;

    private const int MaxOffset = 4;

    /// <summary>W_k: rows n_head_kv·head_dim, columns n_embd.</summary>
    public static void FillKeys(Span<float> values, TestModelPreset preset, int layer, ulong seed, float anchorRead)
    {
        for (var kvHead = 0; kvHead < preset.HeadCountKv; kvHead++)
        {
            FillHead(values, preset, kvHead, KeyPhases(preset, layer, kvHead, seed), anchorRead);
        }
    }

    /// <summary>W_q: rows n_head·head_dim, columns n_embd; head h shares the keys of kv head h / (n_head / n_head_kv).</summary>
    public static void FillQueries(Span<float> values, TestModelPreset preset, int layer, ulong seed, float anchorRead)
    {
        var theta = Frequencies(preset);
        var offsets = DeterministicRandom.ForStream(seed, $"blk.{layer}.attention_offsets");
        var headsPerKv = preset.HeadCount / preset.HeadCountKv;
        for (var head = 0; head < preset.HeadCount; head++)
        {
            var offset = 1 + offsets.NextInt(MaxOffset);
            var phases = KeyPhases(preset, layer, head / headsPerKv, seed);
            for (var i = 0; i < Pairs; i++)
            {
                phases[i] -= offset * theta[i];
            }

            FillHead(values, preset, head, phases, anchorRead);
        }
    }

    /// <summary>
    /// Writes one head's rows: pair i = A·(cos φ_i, sin φ_i), spread evenly over all input columns so that
    /// the row reads the residual's sum, i.e. only the anchor. Other rows stay zero.
    /// </summary>
    private static void FillHead(Span<float> values, TestModelPreset preset, int head, float[] phases, float anchorRead)
    {
        var columns = preset.EmbeddingLength;
        var amplitude = MathF.Sqrt(Margin * MathF.Sqrt(preset.HeadDimension) / WorstRunnerUpGap);
        var perColumn = amplitude / anchorRead;
        for (var i = 0; i < Pairs; i++)
        {
            var row = (head * preset.HeadDimension) + (2 * i);
            values.Slice(row * columns, columns).Fill(perColumn * MathF.Cos(phases[i]));
            values.Slice((row + 1) * columns, columns).Fill(perColumn * MathF.Sin(phases[i]));
        }
    }

    private static float[] KeyPhases(TestModelPreset preset, int layer, int kvHead, ulong seed)
    {
        var random = DeterministicRandom.ForStream(seed, $"blk.{layer}.key_phases.{kvHead}");
        return Enumerable.Range(0, Pairs).Select(_ => random.NextSignedUnit() * MathF.PI).ToArray();
    }

    /// <summary>RoPE (mode NORM) angle per position of pair i: base^(−2i/head_dim).</summary>
    private static float[] Frequencies(TestModelPreset preset) =>
        Enumerable.Range(0, Pairs).Select(i => MathF.Pow(preset.RopeFreqBase, -2f * i / preset.HeadDimension)).ToArray();
}
