namespace Inference.EmbeddingBenchmark;

/// <summary>How close two models' vectors of the same sentences are: per sentence, and in what each finds nearest.</summary>
internal static class VectorAgreement
{
    /// <summary>
    /// Mean and least cosine of the paired vectors, and for the first <paramref name="queries"/> sentences the share
    /// whose nearest other sentence is the same under both.
    /// </summary>
    public static (double MeanCosine, double MinCosine, double SameNearest) Compare(float[][] a, float[][] b, int queries = 200)
    {
        var cosines = a.Zip(b, Dot).ToArray();
        var same = Enumerable.Range(0, Math.Min(queries, a.Length)).Count(q => Nearest(a, q) == Nearest(b, q));
        return (cosines.Average(), cosines.Min(), (double)same / Math.Min(queries, a.Length));
    }

    // Vectors are L2-normalised: the dot product is the cosine.
    private static double Dot(float[] x, float[] y) => System.Numerics.Tensors.TensorPrimitives.Dot(x, y);

    private static int Nearest(float[][] vectors, int query) =>
        Enumerable.Range(0, vectors.Length).Where(i => i != query).MaxBy(i => Dot(vectors[query], vectors[i]));
}
