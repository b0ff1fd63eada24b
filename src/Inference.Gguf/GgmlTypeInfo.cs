using System.Collections.Frozen;

namespace Inference.Gguf;

/// <summary>
/// Block layout of a ggml tensor type: <see cref="BlockSize"/> elements are stored in
/// <see cref="TypeSize"/> bytes (ggml.c <c>type_traits</c>, checked against libggml-base v0.5.0).
/// </summary>
public sealed record GgmlTypeInfo(GgmlType Type, string Name, int BlockSize, int TypeSize)
{
    private static readonly FrozenDictionary<int, GgmlTypeInfo> ById = new GgmlTypeInfo[]
    {
        new(GgmlType.F32, "f32", 1, 4),
        new(GgmlType.F16, "f16", 1, 2),
        new(GgmlType.Q4_0, "q4_0", 32, 18),
        new(GgmlType.Q4_1, "q4_1", 32, 20),
        new(GgmlType.Q5_0, "q5_0", 32, 22),
        new(GgmlType.Q5_1, "q5_1", 32, 24),
        new(GgmlType.Q8_0, "q8_0", 32, 34),
        new(GgmlType.Q8_1, "q8_1", 32, 36),
        new(GgmlType.Q2_K, "q2_K", 256, 84),
        new(GgmlType.Q3_K, "q3_K", 256, 110),
        new(GgmlType.Q4_K, "q4_K", 256, 144),
        new(GgmlType.Q5_K, "q5_K", 256, 176),
        new(GgmlType.Q6_K, "q6_K", 256, 210),
        new(GgmlType.Q8_K, "q8_K", 256, 292),
        new(GgmlType.IQ2_XXS, "iq2_xxs", 256, 66),
        new(GgmlType.IQ2_XS, "iq2_xs", 256, 74),
        new(GgmlType.IQ3_XXS, "iq3_xxs", 256, 98),
        new(GgmlType.IQ1_S, "iq1_s", 256, 50),
        new(GgmlType.IQ4_NL, "iq4_nl", 32, 18),
        new(GgmlType.IQ3_S, "iq3_s", 256, 110),
        new(GgmlType.IQ2_S, "iq2_s", 256, 82),
        new(GgmlType.IQ4_XS, "iq4_xs", 256, 136),
        new(GgmlType.I8, "i8", 1, 1),
        new(GgmlType.I16, "i16", 1, 2),
        new(GgmlType.I32, "i32", 1, 4),
        new(GgmlType.I64, "i64", 1, 8),
        new(GgmlType.F64, "f64", 1, 8),
        new(GgmlType.IQ1_M, "iq1_m", 256, 56),
        new(GgmlType.BF16, "bf16", 1, 2),
        new(GgmlType.TQ1_0, "tq1_0", 256, 54),
        new(GgmlType.TQ2_0, "tq2_0", 256, 66),
        new(GgmlType.MXFP4, "mxfp4", 32, 17),
        new(GgmlType.NVFP4, "nvfp4", 64, 36),
        new(GgmlType.Q1_0, "q1_0", 128, 18),
        new(GgmlType.Q2_0, "q2_0", 64, 18),
    }.ToFrozenDictionary(info => (int)info.Type);

    /// <summary>Every type a GGUF file may hold.</summary>
    public static IEnumerable<GgmlTypeInfo> All => ById.Values.OrderBy(info => info.Type);

    /// <summary>Looks up a raw type id as read from a file; false for unknown or removed ids.</summary>
    public static bool TryGet(int typeId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out GgmlTypeInfo? info) =>
        ById.TryGetValue(typeId, out info);

    public static GgmlTypeInfo Get(GgmlType type) =>
        ById.TryGetValue((int)type, out var info)
            ? info
            : throw new ArgumentOutOfRangeException(nameof(type), type, "Not a ggml type a GGUF file can hold.");

    /// <summary>Bytes of one row of <paramref name="rowLength"/> elements; the length must be a multiple of <see cref="BlockSize"/>.</summary>
    public long RowSize(long rowLength)
    {
        if (rowLength % BlockSize != 0)
        {
            throw new ArgumentException($"A {Name} row of {rowLength} elements is not a multiple of the block size {BlockSize}.", nameof(rowLength));
        }

        return checked(rowLength / BlockSize * TypeSize);
    }

    /// <summary>Bytes of a tensor with the given dimensions (ne[0] first, as in ggml).</summary>
    public long ByteSize(IReadOnlyList<long> dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfZero(dimensions.Count);
        var size = RowSize(dimensions[0]);
        for (var i = 1; i < dimensions.Count; i++)
        {
            size = checked(size * dimensions[i]);
        }

        return size;
    }

    public override string ToString() => Name;
}
