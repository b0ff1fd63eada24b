namespace Inference.Models.Weights;

/// <summary>Seeded fills for ggml matrices: <c>rows</c> × <c>columns</c>, each row contiguous (ne[0] = columns).</summary>
internal static class WeightFill
{
    private static readonly float UniformLimitPerStd = MathF.Sqrt(3f);

    public static void Uniform(Span<float> values, float std, DeterministicRandom random) =>
        random.FillUniform(values, std * UniformLimitPerStd);

    /// <summary>Uniform values, then every row shifted to sum to zero: the matrix ignores a constant input.</summary>
    public static void UniformZeroMeanRows(Span<float> values, int columns, float std, DeterministicRandom random)
    {
        Uniform(values, std, random);
        for (var start = 0; start < values.Length; start += columns)
        {
            var row = values.Slice(start, columns);
            var mean = Sum(row) / columns;
            for (var i = 0; i < row.Length; i++)
            {
                row[i] -= mean;
            }
        }
    }

    /// <summary>Uniform values, then every column shifted to sum to zero: the matrix's outputs always sum to zero.</summary>
    public static void UniformZeroMeanColumns(Span<float> values, int columns, float std, DeterministicRandom random)
    {
        Uniform(values, std, random);
        var rows = values.Length / columns;
        var means = new double[columns];
        for (var start = 0; start < values.Length; start += columns)
        {
            var row = values.Slice(start, columns);
            for (var c = 0; c < columns; c++)
            {
                means[c] += row[c];
            }
        }

        for (var start = 0; start < values.Length; start += columns)
        {
            var row = values.Slice(start, columns);
            for (var c = 0; c < columns; c++)
            {
                row[c] -= (float)(means[c] / rows);
            }
        }
    }

    private static float Sum(ReadOnlySpan<float> values)
    {
        var sum = 0.0;
        foreach (var value in values)
        {
            sum += value;
        }

        return (float)sum;
    }
}
