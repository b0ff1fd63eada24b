namespace Inference.Gguf;

/// <summary>
/// A tensor's entry in the header. <see cref="Dimensions"/> are in ggml order: ne[0], the row length, first.
/// <see cref="Offset"/> is relative to the data section; <see cref="AbsoluteOffset"/> is from the start of the file.
/// </summary>
public sealed record GgufTensorInfo(
    string Name,
    IReadOnlyList<long> Dimensions,
    GgmlType Type,
    ulong Offset,
    long AbsoluteOffset,
    long ByteSize)
{
    public long ElementCount => Dimensions.Aggregate(1L, (product, dimension) => product * dimension);

    public string ShapeText => "[" + string.Join(", ", Dimensions) + "]";
}
