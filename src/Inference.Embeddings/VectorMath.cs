using System.Numerics.Tensors;

namespace Inference.Embeddings;

/// <summary>Pooling and normalisation of token states into sentence vectors.</summary>
public static class VectorMath
{
    /// <summary>
    /// Mean of the first <paramref name="tokens"/> rows of <paramref name="states"/> (row-major, <paramref name="dimensions"/>
    /// wide): the attention-mask-weighted mean, since a sequence's mask is 1 on its tokens and 0 on the padding after them.
    /// </summary>
    public static void MeanPool(ReadOnlySpan<float> states, int tokens, int dimensions, Span<float> result)
    {
        result.Clear();
        for (var t = 0; t < tokens; t++)
        {
            TensorPrimitives.Add(result, states.Slice(t * dimensions, dimensions), result);
        }

        TensorPrimitives.Multiply(result, 1f / Math.Max(tokens, 1), result);
    }

    /// <summary>Scales the vector to length 1 (a zero vector stays zero).</summary>
    public static void Normalize(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        TensorPrimitives.Multiply(vector, 1f / Math.Max(norm, 1e-12f), vector);
    }

    public static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b) =>
        TensorPrimitives.CosineSimilarity(a, b);
}
